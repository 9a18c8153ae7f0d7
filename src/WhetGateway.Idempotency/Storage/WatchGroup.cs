namespace WhetGateway.Storage;

/// <summary>
/// The waiters on one key: one shared signal, counted so the group leaves the map with its last waiter, and one
/// lifetime for the group's single watch on the store, which ends when the group is signalled or left.
/// </summary>
internal sealed class WatchGroup : IDisposable
{
    private readonly TaskCompletionSource _signal = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _ended;
    private readonly Lock _gate = new();
    private int _count;
    private int _endedOnce;
    private bool _started;
    private bool _retired;

    public WatchGroup()
    {
        _ended = new CancellationTokenSource();

        // Taken now: the token still reads as cancelled once its source is let go.
        Ended = _ended.Token;
    }

    public Task Changed => _signal.Task;

    /// <summary>Cancelled once nobody needs the group's watch any more.</summary>
    public CancellationToken Ended { get; }

    /// <param name="first">True for the group's first waiter, who starts its watch.</param>
    public bool TryEnter(out bool first)
    {
        lock (_gate)
        {
            first = false;
            if (_retired)
            {
                return false;
            }

            first = !_started;
            _started = true;
            _count++;
            return true;
        }
    }

    /// <summary>Returns true when this was the last waiter, so the group must leave the map.</summary>
    public bool Leave()
    {
        bool last;
        lock (_gate)
        {
            _count--;
            last = _retired = _count == 0;
        }

        if (last)
        {
            Dispose();
        }

        return last;
    }

    public void Signal()
    {
        _signal.TrySetResult();
        Dispose();
    }

    /// <summary>Ends the group's watch: its lifetime is cancelled, once, then let go.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _endedOnce, 1) == 0)
        {
            _ended.Cancel();
            _ended.Dispose();
        }
    }
}
