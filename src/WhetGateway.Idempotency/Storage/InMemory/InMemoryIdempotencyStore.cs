using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using WhetGateway.Telemetry;

namespace WhetGateway.Storage.InMemory;

/// <summary>
/// The embedded store for a single gateway instance: the same contract as Redis, on a lock-free dictionary whose
/// entries are replaced only by compare-and-swap. Expired entries are dropped when met and by a periodic sweep.
/// Every entry counts its size against a byte limit; at the limit new claims are refused (the request gets 503)
/// rather than records dropped, since a retry relies on its record. Only new claims are gated: a completion always
/// records, as its side effect happened, so the bytes in use may pass the limit by what claims in flight record.
/// Every record call is done at once, so its cancellation token takes effect only when its caller gave up before
/// the call: the call then throws <see cref="OperationCanceledException"/> and changes nothing.
/// </summary>
internal sealed partial class InMemoryIdempotencyStore : IIdempotencyStore, IIdempotencyStoreAdministration, IStoreMemory, IChangeSource, IDisposable
{
    /// <summary>What one entry costs besides its body and headers: dictionary node, id string, entry and record objects.</summary>
    public const int EntryOverheadBytes = 384;

    /// <summary>What one recorded header costs besides its characters: the header object and its values array.</summary>
    public const int HeaderOverheadBytes = 64;

    /// <summary>The node name of this store's <see cref="StoreMemoryReading"/>.</summary>
    public const string NodeName = "in-memory";

    private const string SizeLimitSetting = "Idempotency:Store:InMemory:SizeLimitBytes";
    private static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<RecordId, Entry> _entries = new();
    private readonly Dictionary<string, ResourceEntry> _resources = new(StringComparer.Ordinal);
    private readonly Lock _resourcesGate = new();
    private readonly ChangeNotifier _notifier;
    private readonly TimeProvider _time;
    private readonly long _sizeLimit;
    private readonly ILogger<InMemoryIdempotencyStore> _logger;
    private readonly ITimer _sweeper;
    private long _bytesInUse;
    private long _lastFullWarningTicks;

    public InMemoryIdempotencyStore(TimeProvider time, long sizeLimitBytes, ILogger<InMemoryIdempotencyStore> logger)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sizeLimitBytes);
        _time = time;
        _sizeLimit = sizeLimitBytes;
        _logger = logger;
        _notifier = new ChangeNotifier(this, time);
        _sweeper = time.CreateTimer(static state => ((InMemoryIdempotencyStore)state!).Sweep(), this, SweepInterval, SweepInterval);
    }

    public ValueTask<BeginResult> BeginAsync(RecordId id, Fingerprint fingerprint, TimeSpan lease, TimeSpan? rememberLapsedFor, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        while (true)
        {
            var now = _time.GetUtcNow();
            if (_entries.TryGetValue(id, out var entry))
            {
                if (entry.RetainedUntil <= now)
                {
                    TryRemove(id, entry);
                    continue;
                }

                if (entry.Record is null && entry.ExpiresAt <= now)
                {
                    // An at-most-once claim whose holder neither completed nor released it: its call may have run.
                    var unknown = OutcomeUnknown.Create(now);
                    if (!TryUpdate(id, Entry.ForOutcomeUnknown(unknown, entry), entry))
                    {
                        continue;
                    }

                    _notifier.Notify(id);
                    return ValueTask.FromResult(BeginResult.Completed(unknown));
                }

                return ValueTask.FromResult(entry.Record is { } record
                    ? BeginResult.Completed(record)
                    : BeginResult.InFlight(entry.Fingerprint, entry.ExpiresAt - now));
            }

            var claim = new Claim(id, fingerprint, Guid.NewGuid());
            var claimed = Entry.ForClaim(claim, now + lease, now + rememberLapsedFor);
            EnsureRoomForClaim(claimed.Size, now);
            if (TryAdd(id, claimed))
            {
                return ValueTask.FromResult(BeginResult.Claimed(claim));
            }
        }
    }

    public ValueTask<bool> RenewAsync(Claim claim, TimeSpan lease, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        // As in Redis, a lapsed lease is gone: it can be completed if nobody took over, but not revived.
        var now = _time.GetUtcNow();
        var renewed = _entries.TryGetValue(claim.Id, out var entry) && entry.Holds(claim) && entry.ExpiresAt > now
            && TryUpdate(claim.Id, Entry.ForClaim(claim, now + lease, entry.RememberedUntil), entry);
        return ValueTask.FromResult(renewed);
    }

    public ValueTask<bool> CompleteAsync(Claim claim, IdempotencyRecord record, TimeSpan timeToLive, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var completed = Entry.ForRecord(Owned(record), _time.GetUtcNow() + timeToLive);
        var stored = (_entries.TryGetValue(claim.Id, out var entry) && entry.MayBeCompletedBy(claim) && TryUpdate(claim.Id, completed, entry))
            || TryAddAfterExpiredClaim(claim.Id, completed);
        if (stored)
        {
            _notifier.Notify(claim.Id);
        }

        return ValueTask.FromResult(stored);
    }

    public ValueTask ReleaseAsync(Claim claim, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        // As in Redis, a lapsed claim is no longer held: under at-most-once it stays remembered.
        if (_entries.TryGetValue(claim.Id, out var entry) && entry.Holds(claim) && entry.ExpiresAt > _time.GetUtcNow() && TryRemove(claim.Id, entry))
        {
            _notifier.Notify(claim.Id);
        }

        return ValueTask.CompletedTask;
    }

    public ChangeWatch Watch(RecordId id) => _notifier.Watch(id);

    /// <summary>Every change is made in this process, which notifies the watch directly.</summary>
    public ValueTask ListenAsync(RecordId id, Action changed, CancellationToken until) => ValueTask.CompletedTask;

    public ValueTask<TimeSpan?> AwaitClaimAsync(RecordId id, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var now = _time.GetUtcNow();
        return ValueTask.FromResult<TimeSpan?>(_entries.TryGetValue(id, out var entry) && entry.Record is null && entry.ExpiresAt > now
            ? entry.ExpiresAt - now
            : null);
    }

    public ValueTask CheckAvailableAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.CompletedTask;
    }

    public ValueTask<RecordState?> InspectAsync(RecordId id, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
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
        cancellationToken.ThrowIfCancellationRequested();
        var deleted = _entries.TryRemove(id, out var removed);
        if (deleted)
        {
            Interlocked.Add(ref _bytesInUse, -removed!.Size);
            _notifier.Notify(id);
        }

        return ValueTask.FromResult(deleted);
    }

    public ValueTask<bool> TieAsync(RecordId id, ResourceTie tie, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
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
        cancellationToken.ThrowIfCancellationRequested();
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
            Put(id, Entry.ForRecord(Tombstone.Create(now), now + record.TombstoneTtl));
            _notifier.Notify(id);
        }

        return ValueTask.FromResult(tied.Count);
    }

    public ValueTask<IReadOnlyList<StoreMemoryReading>> ReadMemoryAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult<IReadOnlyList<StoreMemoryReading>>([new StoreMemoryReading(NodeName, Interlocked.Read(ref _bytesInUse), _sizeLimit)]);
    }

    public void Dispose() => _sweeper.Dispose();

    /// <summary>
    /// The record as the store keeps it: a body still inside a larger buffer (the response recorder grows by
    /// doubling) is copied out, so the store holds, and counts, only the body's own bytes.
    /// </summary>
    private static IdempotencyRecord Owned(IdempotencyRecord record) =>
        MemoryMarshal.TryGetArray(record.Body, out var body) && body.Count != body.Array!.Length ? record with { Body = record.Body.ToArray() } : record;

    /// <summary>
    /// Refuses a new claim that would take the store past its limit. The check and the add are not one atomic step,
    /// so concurrent claims may pass it by a claim's overhead each; what matters is that the store stops growing.
    /// </summary>
    private void EnsureRoomForClaim(long claimSize, DateTimeOffset now)
    {
        var used = Interlocked.Read(ref _bytesInUse);
        if (used + claimSize <= _sizeLimit)
        {
            return;
        }

        // Logged when the limit is reached, then at most once a sweep interval while new keys are refused.
        var lastWarning = Interlocked.Read(ref _lastFullWarningTicks);
        if (now.UtcTicks - lastWarning >= SweepInterval.Ticks && Interlocked.CompareExchange(ref _lastFullWarningTicks, now.UtcTicks, lastWarning) == lastWarning)
        {
            LogFull(_logger, used, _sizeLimit, SizeLimitSetting);
        }

        throw new StoreUnavailableException(
            $"The in-memory idempotency store is full ({used} of {_sizeLimit} bytes, {SizeLimitSetting}): new keys are refused until records expire.");
    }

    private bool TryAdd(RecordId id, Entry entry)
    {
        if (!_entries.TryAdd(id, entry))
        {
            return false;
        }

        Interlocked.Add(ref _bytesInUse, entry.Size);
        return true;
    }

    private bool TryUpdate(RecordId id, Entry replacement, Entry current)
    {
        if (!_entries.TryUpdate(id, replacement, current))
        {
            return false;
        }

        Interlocked.Add(ref _bytesInUse, replacement.Size - current.Size);
        return true;
    }

    private bool TryRemove(RecordId id, Entry current)
    {
        if (!_entries.TryRemove(new KeyValuePair<RecordId, Entry>(id, current)))
        {
            return false;
        }

        Interlocked.Add(ref _bytesInUse, -current.Size);
        return true;
    }

    /// <summary>Sets the key's entry whatever it held, counting the bytes it replaces.</summary>
    private void Put(RecordId id, Entry entry)
    {
        while (true)
        {
            if (_entries.TryGetValue(id, out var current) ? TryUpdate(id, entry, current) : TryAdd(id, entry))
            {
                return;
            }
        }
    }

    private bool TryAddAfterExpiredClaim(RecordId id, Entry replacement)
    {
        if (_entries.TryGetValue(id, out var entry))
        {
            if (entry.ExpiresAt > _time.GetUtcNow())
            {
                return false;
            }

            TryRemove(id, entry);
        }

        return TryAdd(id, replacement);
    }

    private void Sweep()
    {
        var now = _time.GetUtcNow();
        foreach (var (id, entry) in _entries)
        {
            if (entry.RetainedUntil <= now)
            {
                TryRemove(id, entry);
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

    [LoggerMessage(EventId = IdempotencyEventIds.InMemoryStoreFull, Level = LogLevel.Warning, Message = "The in-memory idempotency store is full: {UsedBytes} of {LimitBytes} bytes ({Setting}). Requests with new keys "
        + "are answered 503 until records expire; replays and the recording of calls in flight go on. Raise the limit, or use the Redis store.")]
    private static partial void LogFull(ILogger logger, long usedBytes, long limitBytes, string setting);

    /// <summary>
    /// An immutable slot: a claim (token, fingerprint) or a record, either with its expiry and size; an at-most-once
    /// claim also with how long it is remembered after its lease lapses, and the outcome_unknown a begin wrote in a
    /// lapsed claim's place with that claim's token.
    /// </summary>
    private sealed class Entry
    {
        private Entry(Guid token, Fingerprint fingerprint, IdempotencyRecord? record, DateTimeOffset expiresAt, DateTimeOffset? rememberedUntil, long size)
        {
            Token = token;
            Fingerprint = fingerprint;
            Record = record;
            ExpiresAt = expiresAt;
            RememberedUntil = rememberedUntil;
            Size = size;
        }

        public Guid Token { get; }

        public Fingerprint Fingerprint { get; }

        public IdempotencyRecord? Record { get; }

        public DateTimeOffset ExpiresAt { get; }

        /// <summary>Under at-most-once, until when a claim whose lease lapsed is remembered (the record's lifetime).</summary>
        public DateTimeOffset? RememberedUntil { get; }

        /// <summary>Until when the entry stays in the store at all.</summary>
        public DateTimeOffset RetainedUntil => RememberedUntil > ExpiresAt ? RememberedUntil.Value : ExpiresAt;

        /// <summary>The bytes this entry counts against the limit: a fixed overhead, plus a record's body and headers.</summary>
        public long Size { get; }

        public static Entry ForClaim(Claim claim, DateTimeOffset expiresAt, DateTimeOffset? rememberedUntil) =>
            new(claim.Token, claim.Fingerprint, null, expiresAt, rememberedUntil, EntryOverheadBytes);

        public static Entry ForRecord(IdempotencyRecord record, DateTimeOffset expiresAt) =>
            new(Guid.Empty, record.Fingerprint, record, expiresAt, null, SizeOf(record));

        /// <summary>An outcome_unknown in the place of <paramref name="lapsed"/>, kept as long as the claim was remembered.</summary>
        public static Entry ForOutcomeUnknown(IdempotencyRecord unknown, Entry lapsed) =>
            new(lapsed.Token, unknown.Fingerprint, unknown, lapsed.RetainedUntil, null, SizeOf(unknown));

        public bool Holds(Claim claim) => Record is null && Token == claim.Token;

        /// <summary>
        /// Whether <paramref name="claim"/> may record in this entry's place: it holds it, or its lapse was turned into
        /// outcome_unknown, which lets no call run, so the claim's call is the only one.
        /// </summary>
        public bool MayBeCompletedBy(Claim claim) => Token == claim.Token && Record is null or { Kind: RecordKind.OutcomeUnknown };

        private static long SizeOf(IdempotencyRecord record)
        {
            long size = EntryOverheadBytes + record.Body.Length;
            foreach (var header in record.Headers)
            {
                size += HeaderOverheadBytes + (sizeof(char) * header.Name.Length);
                foreach (var value in header.Values)
                {
                    size += sizeof(char) * value.Length;
                }
            }

            return size;
        }
    }
}
