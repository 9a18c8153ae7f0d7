using System.Collections.Concurrent;

namespace WhetGateway.Storage;

/// <summary>
/// Local fan-out of "this key changed" signals: the requests of this instance waiting on one key share one signal
/// and one watch on the store (one subscription, one poller), and a key nobody waits on costs nothing. The watch
/// listens for the store's notices first, then looks at the key, so a change between a waiter's begin and its
/// watch is seen; it keeps looking, backing off from <see cref="FirstLook"/> to <see cref="LongestPause"/>, as notices
/// can be lost, and when the claim's lease is due to lapse.
/// </summary>
internal sealed class ChangeNotifier(IChangeSource source, TimeProvider time)
{
    /// <summary>The longest a watch goes without looking at its key.</summary>
    public static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(4);

    /// <summary>The first pause between looks, doubled after each.</summary>
    public static readonly TimeSpan FirstLook = TimeSpan.FromMilliseconds(250);

    /// <summary>How long after a lease's end a watch looks again, so the claim has lapsed by then.</summary>
    private static readonly TimeSpan LapseMargin = TimeSpan.FromMilliseconds(1);

    private readonly ConcurrentDictionary<RecordId, WatchGroup> _groups = new();

    public ChangeWatch Watch(RecordId id)
    {
        while (true)
        {
            var group = _groups.GetOrAdd(id, static _ => new WatchGroup());
            if (group.TryEnter(out var first))
            {
                if (first)
                {
                    _ = KeepWatchingAsync(id, group);
                }

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

    private async Task KeepWatchingAsync(RecordId id, WatchGroup group)
    {
        var ended = group.Ended;
        try
        {
            await source.ListenAsync(id, () => Notify(id, group), ended).ConfigureAwait(false);
            var pause = FirstLook;
            while (await source.AwaitClaimAsync(id, ended).ConfigureAwait(false) is { } leaseRemaining)
            {
                await Task.Delay(Min(pause, leaseRemaining + LapseMargin), time, ended).ConfigureAwait(false);
                pause = Min(pause * 2, LongestPause);
            }
        }
        catch (OperationCanceledException) when (ended.IsCancellationRequested)
        {
            return;
        }
        catch (StoreUnavailableException)
        {
            // The waiters look for themselves, and answer that the store is unavailable if it still is.
        }

        Notify(id, group);
    }

    private void Notify(RecordId id, WatchGroup group)
    {
        _groups.TryRemove(new KeyValuePair<RecordId, WatchGroup>(id, group));
        group.Signal();
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
