using System.Globalization;
using StackExchange.Redis;

namespace WhetGateway.Storage.Redis;

/// <summary>
/// Reads <c>used_memory</c> and <c>maxmemory</c> from <c>INFO memory</c> of every Redis primary, the nodes that hold
/// records: with <c>noeviction</c> (which the store requires) a primary at its <c>maxmemory</c> refuses writes, and the
/// requests that need one are answered 503 until records expire.
/// </summary>
internal static class RedisMemoryInfo
{
    public static async ValueTask<IReadOnlyList<StoreMemoryReading>> ReadAsync(IConnectionMultiplexer connection, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var readings = new List<StoreMemoryReading>();
        foreach (var server in connection.GetServers().Where(server => server.IsConnected && !server.IsReplica))
        {
            var node = server.EndPoint.ToString() ?? "?";
            IGrouping<string, KeyValuePair<string, string>>[] info;
            try
            {
                info = await server.InfoAsync("memory").WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is RedisException or TimeoutException)
            {
                throw new StoreUnavailableException($"Redis {node} did not answer INFO memory.", exception);
            }

            var fields = info.SelectMany(section => section).ToDictionary(StringComparer.Ordinal);
            readings.Add(new StoreMemoryReading(node, Bytes(fields, "used_memory", node), Bytes(fields, "maxmemory", node)));
        }

        return readings.Count > 0 ? readings : throw new StoreUnavailableException("No Redis primary is connected.");
    }

    private static long Bytes(Dictionary<string, string> fields, string name, string node) =>
        fields.TryGetValue(name, out var value) && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var bytes)
            ? bytes
            : throw new StoreUnavailableException($"Redis {node} did not report {name} in INFO memory.");
}
