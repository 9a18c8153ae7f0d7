using System.Collections.Concurrent;

namespace WhetGateway.Storage;

/// <summary>
/// Local fan-out of "this key changed" signals: many requests waiting on one key share one signal, and a key
/// nobody waits on costs nothing. Stores feed it from their own change source (in-process calls, Redis pub/sub).
/// </summary>
internal sealed class ChangeNotifier
{
    private readonly ConcurrentDictionary<RecordId, WatchGroup> _groups = new();

    public ChangeWatch Watch(RecordId id)
    {
        while (true)
        {
            var group = _groups.GetOrAdd(id, static _ => new WatchGroup());
            if (group.TryEnter())
            {
                return new ChangeWatch(this, id, group);
            }

            // The group was retired by its last waiter between GetOrAdd and TryEnter; it is leaving the map.
            _groups.TryRemove(new KeyValuePair<RecordId, WatchGroup>(id, group));
        }
    }

    public void Notify(RecordId id)
    {
        if (_groups.TryRemove(id, out var group))
        {
            group.Signal();
        }
    }

    internal void Leave(RecordId id, WatchGroup group)
    {
        if (group.Leave())
        {
            _groups.TryRemove(new KeyValuePair<RecordId, WatchGroup>(id, group));
        }
    }
}
