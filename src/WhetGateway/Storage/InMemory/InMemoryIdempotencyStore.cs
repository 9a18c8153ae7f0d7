using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace WhetGateway.Storage.InMemory;

/// <summary>
/// The embedded store for a single gateway instance: the same contract as Redis, on a lock-free dictionary whose
/// entries are replaced only by compare-and-swap. Expired entries are dropped when met and by a periodic sweep.
/// </summary>
internal sealed class InMemoryIdempotencyStore : IIdempotencyStore, IDisposable
{
    private static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<RecordId, Entry> _entries = new();
    private readonly Dictionary<string, ResourceEntry> _resources = new(StringComparer.Ordinal);
    private readonly Lock _resourcesGate = new();
    private readonly ChangeNotifier _notifier = new();
    private readonly TimeProvider _time;
    private readonly ITimer _sweeper;

    public InMemoryIdempotencyStore(TimeProvider time)
    {
        _time = time;
        _sweeper = time.CreateTimer(static state => ((InMemoryIdempotencyStore)state!).Sweep(), this, SweepInterval, SweepInterval);
    }

    public ValueTask<BeginResult> BeginAsync(RecordId id, Fingerprint fingerprint, TimeSpan lease, CancellationToken cancellationToken)
    {
        while (true)
        {
            var now = _time.GetUtcNow();
            if (_entries.TryGetValue(id, out var entry))
            {
                if (entry.ExpiresAt <= now)
                {
                    _entries.TryRemove(new KeyValuePair<RecordId, Entry>(id, entry));
                    continue;
                }

                return ValueTask.FromResult(entry.Record is { } record
                    ? BeginResult.Completed(record)
                    : BeginResult.InFlight(entry.Fingerprint, entry.ExpiresAt - now));
            }

            var claim = new Claim(id, fingerprint, Guid.NewGuid());
            if (_entries.TryAdd(id, Entry.ForClaim(claim, now + lease)))
            {
                return ValueTask.FromResult(BeginResult.Claimed(claim));
            }
        }
    }

    public ValueTask<bool> RenewAsync(Claim claim, TimeSpan lease, CancellationToken cancellationToken)
    {
        // As in Redis, a lapsed lease is gone: it can be completed if nobody took over, but not revived.
        var now = _time.GetUtcNow();
        var renewed = _entries.TryGetValue(claim.Id, out var entry) && entry.ExpiresAt > now
            && TryReplaceHeldClaim(claim, Entry.ForClaim(claim, now + lease));
        return ValueTask.FromResult(renewed);
    }

    public ValueTask<bool> CompleteAsync(Claim claim, IdempotencyRecord record, TimeSpan timeToLive, CancellationToken cancellationToken)
    {
        var completed = Entry.ForRecord(record, _time.GetUtcNow() + timeToLive);
        var stored = TryReplaceHeldClaim(claim, completed) || TryAddAfterExpiredClaim(claim.Id, completed);
        if (stored)
        {
            _notifier.Notify(claim.Id);
        }

        return ValueTask.FromResult(stored);
    }

    public ValueTask ReleaseAsync(Claim claim, CancellationToken cancellationToken)
    {
        if (_entries.TryGetValue(claim.Id, out var entry) && entry.Holds(claim)
            && _entries.TryRemove(new KeyValuePair<RecordId, Entry>(claim.Id, entry)))
        {
            _notifier.Notify(claim.Id);
        }

        return ValueTask.CompletedTask;
    }

    public ChangeWatch Watch(RecordId id) => _notifier.Watch(id);

    public ValueTask CheckAvailableAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask<RecordState?> InspectAsync(RecordId id, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        if (!_entries.TryGetValue(id, out var entry) || entry.ExpiresAt <= now)
        {
            return ValueTask.FromResult<RecordState?>(null);
        }

        var remaining = entry.ExpiresAt - now;
        return ValueTask.FromResult<RecordState?>(entry.Record is { } record ? RecordState.Of(record, remaining) : RecordState.InFlight(remaining));
    }

    public ValueTask<bool> DeleteAsync(RecordId id, CancellationToken cancellationToken)
    {
        var deleted = _entries.TryRemove(id, out _);
        if (deleted)
        {
            _notifier.Notify(id);
        }

        return ValueTask.FromResult(deleted);
    }

    public ValueTask<bool> TieAsync(RecordId id, ResourceTie tie, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        lock (_resourcesGate)
        {
            var resource = CollectionsMarshal.GetValueRefOrAddDefault(_resources, tie.ResourcePath, out _) ??= new ResourceEntry();
            resource.Prune(now);
            if (resource.DeletedSince(tie.Scope, now - tie.ClaimAge, now))
            {
                return ValueTask.FromResult(false);
            }

            var index = CollectionsMarshal.GetValueRefOrAddDefault(resource.Indexes, tie.Scope, out _) ??= [];
            index[id] = new TiedRecord(now + tie.RecordLifetime, tie.TombstoneTtl);
            return ValueTask.FromResult(true);
        }
    }

    public ValueTask<int> EvictResourceAsync(ResourceEviction eviction, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var remembered = new RememberedDeletion(now, now + eviction.RememberFor);
        var tied = new List<KeyValuePair<RecordId, TiedRecord>>();
        lock (_resourcesGate)
        {
            var resource = CollectionsMarshal.GetValueRefOrAddDefault(_resources, eviction.ResourcePath, out _) ??= new ResourceEntry();
            resource.Prune(now);
            string[] marked = eviction.Scope is { } scope ? [scope, ResourceScopes.AnyCaller] : [ResourceEntry.EveryScope];
            foreach (var evicted in eviction.Scope is null ? [.. resource.Indexes.Keys] : marked)
            {
                if (resource.Indexes.Remove(evicted, out var index))
                {
                    tied.AddRange(index);
                }
            }

            foreach (var marker in marked)
            {
                resource.Deletions[marker] = remembered;
            }
        }

        foreach (var (id, record) in tied)
        {
            _entries[id] = Entry.ForRecord(Tombstone.Create(now), now + record.TombstoneTtl);
            _notifier.Notify(id);
        }

        return ValueTask.FromResult(tied.Count);
    }

    public void Dispose() => _sweeper.Dispose();

    private bool TryReplaceHeldClaim(Claim claim, Entry replacement) =>
        _entries.TryGetValue(claim.Id, out var entry) && entry.Holds(claim) && _entries.TryUpdate(claim.Id, replacement, entry);

    private bool TryAddAfterExpiredClaim(RecordId id, Entry replacement)
    {
        if (_entries.TryGetValue(id, out var entry))
        {
            if (entry.ExpiresAt > _time.GetUtcNow())
            {
                return false;
            }

            _entries.TryRemove(new KeyValuePair<RecordId, Entry>(id, entry));
        }

        return _entries.TryAdd(id, replacement);
    }

    private void Sweep()
    {
        var now = _time.GetUtcNow();
        foreach (var pair in _entries)
        {
            if (pair.Value.ExpiresAt <= now)
            {
                _entries.TryRemove(pair);
            }
        }

        lock (_resourcesGate)
        {
            foreach (var (path, resource) in _resources)
            {
                if (resource.Prune(now))
                {
                    _resources.Remove(path);
                }
            }
        }
    }

    /// <summary>An immutable slot: a claim (token, fingerprint) or a record, either with its expiry.</summary>
    private sealed class Entry
    {
        private Entry(Guid token, Fingerprint fingerprint, IdempotencyRecord? record, DateTimeOffset expiresAt)
        {
            Token = token;
            Fingerprint = fingerprint;
            Record = record;
            ExpiresAt = expiresAt;
        }

        public Guid Token { get; }

        public Fingerprint Fingerprint { get; }

        public IdempotencyRecord? Record { get; }

        public DateTimeOffset ExpiresAt { get; }

        public static Entry ForClaim(Claim claim, DateTimeOffset expiresAt) => new(claim.Token, claim.Fingerprint, null, expiresAt);

        public static Entry ForRecord(IdempotencyRecord record, DateTimeOffset expiresAt) => new(Guid.Empty, record.Fingerprint, record, expiresAt);

        public bool Holds(Claim claim) => Record is null && Token == claim.Token;
    }
}
