using System.Globalization;
using StackExchange.Redis;

namespace WhetGateway.Tests.Infrastructure;

/// <summary>
/// What Redis counts of the commands it ran (INFO commandstats), by command name in lower case: how many calls and
/// how many microseconds they took. Commands a script runs are counted too, besides the script itself.
/// </summary>
internal sealed class RedisCommandStats(IReadOnlyDictionary<string, (long Calls, long Microseconds)> commands)
{
    public static async Task<RedisCommandStats> ReadAsync(IServer server)
    {
        var stats = new Dictionary<string, (long, long)>(StringComparer.Ordinal);
        foreach (var stat in (await server.InfoAsync("commandstats")).SelectMany(group => group))
        {
            var fields = stat.Value.Split(',').Select(field => field.Split('=')).ToDictionary(pair => pair[0], pair => pair[1]);
            stats[stat.Key["cmdstat_".Length..]] = (long.Parse(fields["calls"], CultureInfo.InvariantCulture), long.Parse(fields["usec"], CultureInfo.InvariantCulture));
        }

        return new RedisCommandStats(stats);
    }

    /// <summary>How many times Redis ran these commands.</summary>
    public long Calls(params string[] names) => names.Sum(name => commands.TryGetValue(name, out var stat) ? stat.Calls : 0);

    /// <summary>How long Redis spent running these commands, in microseconds.</summary>
    public long Microseconds(params string[] names) => names.Sum(name => commands.TryGetValue(name, out var stat) ? stat.Microseconds : 0);

    /// <summary>What was counted since <paramref name="earlier"/>.</summary>
    public RedisCommandStats Since(RedisCommandStats earlier) => new(commands.ToDictionary(
        pair => pair.Key,
        pair => (pair.Value.Calls - earlier.Calls(pair.Key), pair.Value.Microseconds - earlier.Microseconds(pair.Key))));
}
