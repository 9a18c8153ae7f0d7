using System.Collections.Concurrent;

namespace WhetGateway.SampleApi;

/// <summary>
/// Thread-safe counters of the side effects the sample API has actually executed.
/// Registered as a singleton so tests can prove how many times a call reached the API.
/// </summary>
public sealed class SideEffectCounter
{
    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);
    private long _total;

    /// <summary>Gets the number of executed mutating calls across all operations.</summary>
    public long Total => Interlocked.Read(ref _total);

    /// <summary>Gets the number of executed calls of one operation.</summary>
    /// <param name="operation">The operation name, for example <c>pipelines.create</c>.</param>
    /// <returns>The count, or zero if the operation never executed.</returns>
    public long Count(string operation) => _counts.GetValueOrDefault(operation);

    /// <summary>Takes a point-in-time copy of the per-operation counts, ordered by operation name.</summary>
    /// <returns>The operation names mapped to their counts.</returns>
    public IReadOnlyDictionary<string, long> Snapshot() => new SortedDictionary<string, long>(_counts, StringComparer.Ordinal);

    internal void Record(string operation)
    {
        _counts.AddOrUpdate(operation, 1, static (_, count) => count + 1);
        Interlocked.Increment(ref _total);
    }
}
