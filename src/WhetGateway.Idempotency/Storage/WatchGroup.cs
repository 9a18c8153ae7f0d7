namespace WhetGateway.Storage;

/// <summary>The waiters on one key: one shared signal, counted so the group leaves the map with its last waiter.</summary>
internal sealed class WatchGroup
{
    private readonly TaskCompletionSource _signal = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();
    private int _count;
    private bool _retired;

    public Task Changed => _signal.Task;

    public bool TryEnter()
    {
        lock (_gate)
        {
            if (_retired)
            {
                return false;
            }

            _count++;
            return true;
        }
    }

    /// <summary>Returns true when this was the last waiter, so the group must leave the map.</summary>
    public bool Leave()
    {
        lock (_gate)
        {
            _count--;
            _retired = _count == 0;
            return _retired;
        }
    }

    public void Signal() => _signal.TrySetResult();
}
