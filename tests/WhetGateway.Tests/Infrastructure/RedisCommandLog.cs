using System.Globalization;
using StackExchange.Redis;

namespace WhetGateway.Tests.Infrastructure;

/// <summary>
/// The commands clients sent a Redis of a test's own, each with the microseconds Redis spent running it, read from
/// the slow log with its threshold at zero. Commands a script runs are left out (Redis logs them from no address), and
/// so is the connection's upkeep (pings, INFO, CONFIG, subscriptions), so what remains is the store's round trips.
/// </summary>
internal sealed class RedisCommandLog
{
    private static readonly HashSet<string> Upkeep = new(StringComparer.OrdinalIgnoreCase)
    {
        "slowlog", "config", "info", "ping", "echo", "client", "cluster", "hello", "auth", "select", "role",
        "subscribe", "unsubscribe", "ssubscribe", "sunsubscribe", "script", "sentinel",
    };

    private readonly IServer _server;

    private RedisCommandLog(IServer server) => _server = server;

    /// <summary>Logs every command from now on (the log keeps the latest 10,000).</summary>
    public static async Task<RedisCommandLog> StartAsync(IServer server)
    {
        await server.ExecuteAsync("CONFIG", "SET", "slowlog-log-slower-than", "0");
        await server.ExecuteAsync("CONFIG", "SET", "slowlog-max-len", "10000");
        var log = new RedisCommandLog(server);
        await log.ClearAsync();
        return log;
    }

    public Task ClearAsync() => _server.ExecuteAsync("SLOWLOG", "RESET");

    /// <summary>The commands sent since the log was cleared, oldest first: name in lower case, and microseconds.</summary>
    public async Task<IReadOnlyList<(string Name, long Microseconds)>> ReadAsync()
    {
        var entries = (RedisResult[])(await _server.ExecuteAsync("SLOWLOG", "GET", "-1"))!;
        return entries.Select(entry => (RedisResult[])entry!)
            .Where(entry => (string?)entry[4] != "?:0")
            .Select(entry => (Name: ((string)((RedisResult[])entry[3]!)[0]!).ToLowerInvariant(), Microseconds: long.Parse((string)entry[2]!, CultureInfo.InvariantCulture)))
            .Where(command => !Upkeep.Contains(command.Name))
            .Reverse()
            .ToList();
    }
}
