using System.Collections.Concurrent;
using WhetGateway.SampleApi.Identifiers;

namespace WhetGateway.SampleApi.Runs;

/// <summary>In-memory set of the runs started by mutating calls.</summary>
internal sealed class RunRegistry
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _startedAt = new(StringComparer.Ordinal);

    /// <summary>Starts a new run and returns its id.</summary>
    public string Start()
    {
        var runId = ResourceIds.New("run");
        _startedAt[runId] = DateTimeOffset.UtcNow;
        return runId;
    }

    public bool TryDelete(string runId) => _startedAt.TryRemove(runId, out _);
}
