namespace WhetGateway.Storage;

/// <summary>A registration for the next change of one key; dispose it when done waiting.</summary>
internal sealed class ChangeWatch : IDisposable
{
    private readonly ChangeNotifier _notifier;
    private readonly RecordId _id;
    private readonly WatchGroup _group;
    private bool _disposed;

    internal ChangeWatch(ChangeNotifier notifier, RecordId id, WatchGroup group)
    {
        _notifier = notifier;
        _id = id;
        _group = group;
    }

    /// <summary>Completes when the key's claim is completed or released.</summary>
    public Task Changed => _group.Changed;

    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            _notifier.Leave(_id, _group);
        }
    }
}
