using System.Collections.Concurrent;

namespace WhetGateway.Tests.Infrastructure;

/// <summary>
/// Named gates for <see cref="SampleApiHost.HoldHeader"/>: a request waits at its gate until the test releases it, and
/// the test can wait for a request to reach it. Either may come first.
/// </summary>
internal sealed class Holds
{
    /// <summary>How long a test waits for a request to reach a hold before it fails.</summary>
    private static readonly TimeSpan ReachLimit = TimeSpan.FromSeconds(20);

    private readonly ConcurrentDictionary<string, TaskCompletionSource> _reached = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _released = new(StringComparer.Ordinal);

    public Task HoldAsync(string hold)
    {
        Gate(_reached, hold).TrySetResult();
        return Gate(_released, hold).Task;
    }

    public async Task ReachedAsync(string hold)
    {
        try
        {
            await Gate(_reached, hold).Task.WaitAsync(ReachLimit);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"no request reached the upstream's hold '{hold}' within {ReachLimit.TotalSeconds} s");
        }
    }

    public void Release(string hold) => Gate(_released, hold).TrySetResult();

    public void ReleaseAll()
    {
        foreach (var gate in _released.Values)
        {
            gate.TrySetResult();
        }
    }

    private static TaskCompletionSource Gate(ConcurrentDictionary<string, TaskCompletionSource> gates, string hold) =>
        gates.GetOrAdd(hold, static _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
}
