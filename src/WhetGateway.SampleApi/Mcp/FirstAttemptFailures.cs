using System.Collections.Concurrent;

namespace WhetGateway.SampleApi.Mcp;

/// <summary>Remembers which things were attempted, so a tool can fail the first attempt and succeed on the retry.</summary>
internal sealed class FirstAttemptFailures
{
    private readonly ConcurrentDictionary<string, bool> _attempted = new(StringComparer.Ordinal);

    public bool IsFirstAttempt(string id) => _attempted.TryAdd(id, true);
}
