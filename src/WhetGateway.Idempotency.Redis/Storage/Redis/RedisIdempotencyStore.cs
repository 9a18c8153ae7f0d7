using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using WhetGateway.Telemetry;

namespace WhetGateway.Storage.Redis;

/// <summary>
/// The shared store for several gateway instances. Keys: <c>{prefix}{id}:rec</c> holds the key's claim (with the
/// lease as its TTL) or its record (with its TTL), told apart by <see cref="RedisKeyValue"/>, so a begin under
/// at-least-once, and every replay, is one plain <c>SET … NX GET</c>; under at-most-once <c>{prefix}{id}:amo</c> is a
/// claim's marker (the claim again), with the record's lifetime. An instance waiting on a key flags its claim
/// awaited and listens on the key's sharded channel <c>{prefix}{id}:changed</c>, which lives in the key's slot;
/// completion and release are announced there only when the claim was awaited. Pub/sub is at-most-once, so waiters
/// also poll, backing off.
/// </summary>
internal sealed partial class RedisIdempotencyStore : IIdempotencyStore, IIdempotencyStoreAdministration, IStoreMemory, IChangeSource, IDisposable
{
    /// <summary>The most ties one eviction step takes out of Redis.</summary>
    private const int EvictionChunk = 256;

    /// <summary>The deletion marker of the operator's eviction, which every scope heeds.</summary>
    private const string EveryScopeTag = "all";

    private readonly IConnectionMultiplexer _connection;
    private readonly string _keyPrefix;
    private readonly ChangeNotifier _notifier;
    private readonly ILogger<RedisIdempotencyStore> _logger;

    public RedisIdempotencyStore(IConnectionMultiplexer connection, string keyPrefix, TimeProvider time, ILogger<RedisIdempotencyStore> logger)
    {
        _connection = connection;
        _keyPrefix = keyPrefix;
        _notifier = new ChangeNotifier(this, time);
        _logger = logger;
    }

    public async ValueTask<BeginResult> BeginAsync(RecordId id, Fingerprint fingerprint, TimeSpan lease, TimeSpan? rememberLapsedFor, CancellationToken cancellationToken)
    {
        var claim = new Claim(id, fingerprint, Guid.NewGuid());
        byte[]? held;
        try
        {
            held = rememberLapsedFor is { } remember
                ? (byte[]?)await CallAsync(RedisScripts.BeginRemembered, new
                {
                    record = RecordKey(id),
                    marker = MarkerKey(id),
                    value = RedisKeyValue.ForClaim(claim),
                    leaseMs = Milliseconds(lease),
                    rememberMs = Milliseconds(remember),
                }, cancellationToken).ConfigureAwait(false)
                : await SetIfAbsentAsync(RecordKey(id), RedisKeyValue.ForClaim(claim), lease, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is OperationCanceledException || exception.InnerException is RedisTimeoutException)
        {
            // Sent, but not answered in time (or no longer awaited): the begin may still take the claim.
            AbandonClaim(claim);
            throw;
        }
        catch (StoreUnavailableException exception) when (IsFull(exception))
        {
            // A full Redis refuses the begin as a command that may write, even where it would only have found the key
            // held: what the key holds is still read, and served; only a key that would need storing is refused.
            held = await GetAsync(RecordKey(id), cancellationToken).ConfigureAwait(false);
            if (held is null)
            {
                throw;
            }
        }

        if (held is null)
        {
            return BeginResult.Claimed(claim);
        }

        return RedisKeyValue.IsClaim(held)
            ? BeginResult.InFlight(RedisKeyValue.ClaimFingerprint(held), await LeaseRemainingAsync(id, cancellationToken).ConfigureAwait(false))
            : BeginResult.Completed(RedisKeyValue.ReadRecord(held));
    }

    public async ValueTask<bool> RenewAsync(Claim claim, TimeSpan lease, CancellationToken cancellationToken)
    {
        var result = await CallAsync(RedisScripts.Renew, new
        {
            record = RecordKey(claim.Id),
            value = RedisKeyValue.ForClaim(claim),
            leaseMs = Milliseconds(lease),
        }, cancellationToken).ConfigureAwait(false);
        return (int)result == 1;
    }

    public async ValueTask<bool> CompleteAsync(Claim claim, IdempotencyRecord record, TimeSpan timeToLive, CancellationToken cancellationToken)
    {
        var result = await CallAsync(RedisScripts.Complete, new
        {
            record = RecordKey(claim.Id),
            marker = MarkerKey(claim.Id),
            value = RedisKeyValue.ForClaim(claim),
            blob = RecordFormatter.Serialize(record),
            ttlMs = Milliseconds(timeToLive),
            channel = ChannelName(claim.Id),
        }, cancellationToken).ConfigureAwait(false);
        return (int)result == 1;
    }

    public async ValueTask ReleaseAsync(Claim claim, CancellationToken cancellationToken) =>
        await CallAsync(RedisScripts.Release, ReleaseParameters(claim), cancellationToken).ConfigureAwait(false);

    public ChangeWatch Watch(RecordId id) => _notifier.Watch(id);

    public async ValueTask ListenAsync(RecordId id, Action changed, CancellationToken until)
    {
        var subscriber = _connection.GetSubscriber();
        var channel = RedisChannel.Sharded(ChannelName(id));
        Action<RedisChannel, RedisValue> handler = (_, _) => changed();
        try
        {
            await subscriber.SubscribeAsync(channel, handler).ConfigureAwait(false);
            until.Register(() => _ = subscriber.UnsubscribeAsync(channel, handler, CommandFlags.FireAndForget));
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            LogSubscribeFailed(exception, id);
        }
    }

    public async ValueTask<TimeSpan?> AwaitClaimAsync(RecordId id, CancellationToken cancellationToken)
    {
        var leaseMs = (long)await CallAsync(RedisScripts.AwaitClaim, new { record = RecordKey(id) }, cancellationToken).ConfigureAwait(false);
        return leaseMs > 0 ? TimeSpan.FromMilliseconds(leaseMs) : null;
    }

    public async ValueTask<RecordState?> InspectAsync(RecordId id, CancellationToken cancellationToken)
    {
        var result = (RedisResult[])(await CallAsync(RedisScripts.Inspect, new { record = RecordKey(id) }, cancellationToken).ConfigureAwait(false))!;
        if (result.Length == 0)
        {
            return null;
        }

        var (held, ttlMs) = ((byte[])result[0]!, (long)result[1]);
        return RedisKeyValue.IsClaim(held)
            ? RecordState.InFlight(TimeSpan.FromMilliseconds(Math.Max(0, ttlMs)))
            : RecordState.Of(RedisKeyValue.ReadRecord(held), ttlMs < 0 ? null : TimeSpan.FromMilliseconds(ttlMs));
    }

    public async ValueTask<bool> DeleteAsync(RecordId id, CancellationToken cancellationToken)
    {
        var deleted = await CallAsync(RedisScripts.Delete, new { record = RecordKey(id), marker = MarkerKey(id), channel = ChannelName(id) }, cancellationToken).ConfigureAwait(false);
        return (int)deleted > 0;
    }

    public ValueTask<IReadOnlyList<StoreMemoryReading>> ReadMemoryAsync(CancellationToken cancellationToken) =>
        RedisMemoryInfo.ReadAsync(_connection, cancellationToken);

    /// <summary>Closes the connection this store owns.</summary>
    public void Dispose() => _connection.Dispose();

    public async ValueTask CheckAvailableAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _connection.GetDatabase().PingAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            throw new StoreUnavailableException("The Redis idempotency store is unavailable.", exception);
        }
    }

    public async ValueTask<bool> TieAsync(RecordId id, ResourceTie tie, CancellationToken cancellationToken)
    {
        var deletedSinceClaim = await CallAsync(RedisScripts.Tie, new
        {
            resource = ResourceKey(tie.ResourcePath),
            tag = ScopeTag(tie.Scope),
            id = id.Value,
            claimAgeMs = (long)tie.ClaimAge.TotalMilliseconds,
            lifetimeMs = Milliseconds(tie.RecordLifetime),
            tombstoneTtlMs = Milliseconds(tie.TombstoneTtl),
        }, cancellationToken).ConfigureAwait(false);
        return (int)deletedSinceClaim == 0;
    }

    public async ValueTask<int> EvictResourceAsync(ResourceEviction eviction, CancellationToken cancellationToken)
    {
        var scopeTags = eviction.Scope is { } scope ? string.Join(' ', ScopeTag(scope), ScopeTag(ResourceScopes.AnyCaller)) : string.Empty;
        var tombstoned = 0;
        var first = true;
        bool more;
        do
        {
            // Each step takes a bounded chunk of ties, so Redis is never held by one large resource; each record lives
            // in its own slot, so each tombstone is its own script, and a chunk's travel pipelined.
            var step = (RedisResult[])(await CallAsync(RedisScripts.Evict, new
            {
                resource = ResourceKey(eviction.ResourcePath),
                first = first ? "1" : "0",
                markers = eviction.Scope is null ? EveryScopeTag : scopeTags,
                tags = scopeTags,
                rememberMs = Milliseconds(eviction.RememberFor),
                chunk = EvictionChunk,
            }, cancellationToken).ConfigureAwait(false))!;
            first = false;
            more = (int)step[1] == 1;
            var deletedAt = DateTimeOffset.FromUnixTimeMilliseconds((long)step[0]);
            var tombstones = new Task<bool>[step.Length - 2];
            for (var i = 0; i < tombstones.Length; i++)
            {
                var tie = ((string)step[i + 2]!).Split(' ');
                tombstones[i] = TombstoneAsync(new RecordId(tie[0]), deletedAt, TimeSpan.FromMilliseconds(long.Parse(tie[1], CultureInfo.InvariantCulture)), cancellationToken);
            }

            tombstoned += (await Task.WhenAll(tombstones).ConfigureAwait(false)).Count(done => done);
        }
        while (more);

        return tombstoned;
    }

    /// <summary>
    /// A begin that timed out or was cancelled was sent but not answered: a stalled Redis still runs it when it recovers, and would
    /// then hold a claim nobody knows of, so every retry waited out a whole lease. The release is queued behind it on
    /// the same connection, so Redis runs it after the begin; it only ever drops this claim's own token.
    /// </summary>
    private void AbandonClaim(Claim claim)
    {
        try
        {
            _connection.GetDatabase().ScriptEvaluate(RedisScripts.Release, ReleaseParameters(claim), flags: CommandFlags.FireAndForget);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            LogAbandonFailed(exception, claim.Id);
        }
    }

    private static long Milliseconds(TimeSpan duration) => Math.Max(1, (long)duration.TotalMilliseconds);

    private async Task<bool> TombstoneAsync(RecordId id, DateTimeOffset deletedAt, TimeSpan ttl, CancellationToken cancellationToken)
    {
        var result = await CallAsync(RedisScripts.Tombstone, new
        {
            record = RecordKey(id),
            blob = RecordFormatter.Serialize(Tombstone.Create(deletedAt)),
            ttlMs = Milliseconds(ttl),
            channel = ChannelName(id),
        }, cancellationToken).ConfigureAwait(false);
        return (int)result == 1;
    }

    private RedisKey RecordKey(RecordId id) => $"{_keyPrefix}{{{id.Value}}}:rec";

    private RedisKey MarkerKey(RecordId id) => $"{_keyPrefix}{{{id.Value}}}:amo";

    // The key's hash tag puts its channel in its slot, so a sharded notice reaches only the shard that owns the key.
    private string ChannelName(RecordId id) => $"{_keyPrefix}{{{id.Value}}}:changed";

    // What a resource's keys start with: its indexes, deletion markers and set of scopes share a hash tag (a
    // digest of the path, so any path fits) and so one slot; the scripts append the rest.
    private RedisKey ResourceKey(string resourcePath) => $"{_keyPrefix}res:{{{Digest(resourcePath)}}}:";

    // A scope in a resource's key names: a digest, so no scope id (an organization id, say) is stored in the clear.
    private static string ScopeTag(string scope) => scope == ResourceScopes.AnyCaller ? scope : Digest(scope);

    private static string Digest(string value) => Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(value)));

    private object ReleaseParameters(Claim claim) => new
    {
        record = RecordKey(claim.Id),
        marker = MarkerKey(claim.Id),
        value = RedisKeyValue.ForClaim(claim),
        channel = ChannelName(claim.Id),
    };

    /// <summary>Whether Redis refused a command for being over <c>maxmemory</c> (under <c>noeviction</c>).</summary>
    private static bool IsFull(StoreUnavailableException exception) =>
        exception.InnerException is RedisServerException refusal && refusal.Message.StartsWith("OOM ", StringComparison.Ordinal);

    private async Task<byte[]?> GetAsync(RedisKey key, CancellationToken cancellationToken) =>
        (byte[]?)await AskAsync(database => database.StringGetAsync(key), cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Takes the key with <paramref name="value"/> unless it holds something, which is returned instead: one plain
    /// <c>SET … NX PX … GET</c>, which writes nothing when the key is held, so a replay costs Redis what a GET does.
    /// </summary>
    private async Task<byte[]?> SetIfAbsentAsync(RedisKey key, byte[] value, TimeSpan expiry, CancellationToken cancellationToken) =>
        (byte[]?)await AskAsync(database => database.StringSetAndGetAsync(key, value, expiry, keepTtl: false, When.NotExists), cancellationToken).ConfigureAwait(false);

    /// <summary>What is left of the lease of the claim a begin found; none when it has gone since.</summary>
    private async Task<TimeSpan> LeaseRemainingAsync(RecordId id, CancellationToken cancellationToken) =>
        await AskAsync(database => database.KeyTimeToLiveAsync(RecordKey(id)), cancellationToken).ConfigureAwait(false) ?? TimeSpan.Zero;

    private Task<RedisResult> CallAsync(LuaScript script, object parameters, CancellationToken cancellationToken) =>
        AskAsync(database => database.ScriptEvaluateAsync(script, parameters), cancellationToken);

    /// <summary>
    /// Sends one command and waits for its answer, or until <paramref name="cancellationToken"/> is cancelled: the
    /// client cannot take a command back, so a cancelled one may still run; each caller leaves the key as safe as a timeout would.
    /// </summary>
    private async Task<T> AskAsync<T>(Func<IDatabase, Task<T>> command, CancellationToken cancellationToken)
    {
        try
        {
            return await command(_connection.GetDatabase()).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            throw new StoreUnavailableException("The Redis idempotency store is unavailable.", exception);
        }
    }

    [LoggerMessage(EventId = IdempotencyEventIds.BeginClaimNotAbandoned, Level = LogLevel.Warning, Message = "A begin on {RecordId} timed out and its claim could not be abandoned; a retry waits out its lease.")]
    private partial void LogAbandonFailed(Exception exception, RecordId recordId);

    [LoggerMessage(EventId = IdempotencyEventIds.ChangeSubscriptionFailed, Level = LogLevel.Warning, Message = "Could not listen for changes of {RecordId}; its waiters poll.")]
    private partial void LogSubscribeFailed(Exception exception, RecordId recordId);
}
