using System.Collections.Concurrent;

namespace WhetGateway.Tests.Infrastructure;

/// <summary>
/// Requests held at an upstream's door by name until a test lets them in, so a test can act while an original's
/// upstream call is open, and knows when it is, without sleeping.
/// </summary>
internal sealed class RequestHolds
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);

    private readonly ConcurrentDictionary<string, (TaskCompletionSource Arrived, TaskCompletionSource Released)> _gates = new(StringComparer.Ordinal);

    /// <summary>Reports the arrival of a request held as <paramref name="name"/>, then waits until it is released.</summary>
    public Task HoldAsync(string name)
    {
        var gate = GateOf(name);
        gate.Arrived.TrySetResult();
        return gate.Released.Task;
    }

    /// <summary>Completes once a request held as <paramref name="name"/> has arrived; fails after 20 s.</summary>
    public Task ArrivalAsync(string name) => GateOf(name).Arrived.Task.WaitAsync(Limit);

    public void Release(string name) => GateOf(name).Released.TrySetResult();

    /// <summary>Lets every held request in, so nothing is left hanging when the upstream stops.</summary>
    public void ReleaseAll()
    {
        foreach (var gate in _gates.Values)
        {
            gate.Released.TrySetResult();
        }
    }

    private (TaskCompletionSource Arrived, TaskCompletionSource Released) GateOf(string name) => _gates.GetOrAdd(name, static _ =>
        (new(TaskCreationOptions.RunContinuationsAsynchronously), new(TaskCreationOptions.RunContinuationsAsynchronously)));
}
