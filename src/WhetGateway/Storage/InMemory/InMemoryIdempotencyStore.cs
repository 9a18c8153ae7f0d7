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
    private readonly Dictionary<string, ResourceIndex> _resources = new(StringComparer.Ordinal);
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

    public ValueTask<bool> CompleteAsync(Claim claim, IdempotencyRecord record, TimeSpan? timeToLive, CancellationToken cancellationToken)
    {
        var completed = Entry.ForRecord(record, ExpiryAfter(timeToLive));
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

        TimeSpan? remaining = entry.ExpiresAt == DateTimeOffset.MaxValue ? null : entry.ExpiresAt - now;
        return ValueTask.FromResult<RecordState?>(entry.Record is { } record ? RecordState.Of(record, remaining) : RecordState.InFlight(remaining!.Value));
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
        lock (_resourcesGate)
        {
            var index = CollectionsMarshal.GetValueRefOrAddDefault(_resources, tie.ResourcePath, out _) ??= new ResourceIndex();
            if (index.DeletedAt >= tie.ClaimedAt)
            {
                return ValueTask.FromResult(false);
            }

            index.Records[id] = tie.TombstoneTtl;
            var recordExpiry = ExpiryAfter(tie.RecordLifetime);
            index.ExpiresAt = recordExpiry > index.ExpiresAt ? recordExpiry : index.ExpiresAt;
            return ValueTask.FromResult(true);
        }
    }

    public ValueTask<int> EvictResourceAsync(string resourcePath, DateTimeOffset deletedAt, TimeSpan rememberFor, CancellationToken cancellationToken)
    {
        KeyValuePair<RecordId, TimeSpan>[] tied;
        lock (_resourcesGate)
        {
            var index = CollectionsMarshal.GetValueRefOrAddDefault(_resources, resourcePath, out _) ??= new ResourceIndex();
            tied = [.. index.Records];
            index.Records.Clear();
            index.DeletedAt = deletedAt;
            index.ExpiresAt = _time.GetUtcNow() + rememberFor;
        }

        foreach (var (id, tombstoneTtl) in tied)
        {
            _entries[id] = Entry.ForRecord(Tombstone.Create(deletedAt), _time.GetUtcNow() + tombstoneTtl);
            _notifier.Notify(id);
        }

        return ValueTask.FromResult(tied.Length);
    }

    public void Dispose() => _sweeper.Dispose();

    private DateTimeOffset ExpiryAfter(TimeSpan? timeToLive) => timeToLive is { } ttl ? _time.GetUtcNow() + ttl : DateTimeOffset.MaxValue;

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
            foreach (var path in _resources.Where(pair => pair.Value.ExpiresAt <= now).Select(pair => pair.Key).ToList())
            {
                _resources.Remove(path);
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
