using System.Collections.Concurrent;

namespace WhetGateway.Soak;

/// <summary>What the traffic saw, counted from every worker at once.</summary>
internal sealed class SoakTally
{
    private readonly ConcurrentDictionary<string, long> _kinds = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _keysSent = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _keysDone = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _keysUnknown = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<double> _latenciesMs = [];
    private long _requests;
    private readonly ConcurrentDictionary<string, long> _mismatches = new(StringComparer.Ordinal);

    public long Requests => Interlocked.Read(ref _requests);

    public long ReplayMismatches => _mismatches.Values.Sum();

    public IReadOnlyDictionary<string, long> Mismatches => new SortedDictionary<string, long>(_mismatches, StringComparer.Ordinal);

    public int KeysSent => _keysSent.Count;

    public int KeysDone => _keysDone.Count;

    /// <summary>Keys the gateway answered <c>outcome_unknown</c> for: neither settled nor abandoned, each ran once or not at all.</summary>
    public int KeysUnknown => _keysUnknown.Count;

    public long OutcomeUnknownAnswers => _kinds.GetValueOrDefault("409 outcome_unknown");

    public IReadOnlyDictionary<string, long> Kinds => new SortedDictionary<string, long>(_kinds, StringComparer.Ordinal);

    public void Sent(string key) => _keysSent.TryAdd(key, 0);

    public void Done(string key) => _keysDone.TryAdd(key, 0);

    public void Unknown(string key) => _keysUnknown.TryAdd(key, 0);

    public void Count(SoakAnswer answer)
    {
        Interlocked.Increment(ref _requests);
        _kinds.AddOrUpdate(answer.Kind, 1, static (_, count) => count + 1);
        if (answer.Status is >= 200 and < 300)
        {
            _latenciesMs.Add(answer.Took.TotalMilliseconds);
        }
    }

    /// <summary>A settled key whose answers disagree: a replay that was not one, or bodies that differ.</summary>
    public void ReplayMismatch(string how) => _mismatches.AddOrUpdate(how, 1, static (_, count) => count + 1);

    public double LatencyPercentile(double percentile)
    {
        var sorted = _latenciesMs.Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)(percentile * sorted.Length))];
    }
}
