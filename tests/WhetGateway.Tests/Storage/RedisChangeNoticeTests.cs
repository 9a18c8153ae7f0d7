using StackExchange.Redis;
using WhetGateway.Storage;
using WhetGateway.Storage.Redis;
using WhetGateway.Tests.Infrastructure;

namespace WhetGateway.Tests.Storage;

/// <summary>
/// How instances sharing one Redis (two stores, each on its own connection) learn that a key they wait on changed,
/// counted by Redis itself on a Redis of its own: notices are sent only for keys someone waits on, once per change,
/// and an instance's waiters on one key share one subscription and one poller. The waiting instance runs on a fake
/// clock that is never moved, so only a notice can wake it after its first look.
/// </summary>
public sealed class RedisChangeNoticeTests : IAsyncLifetime
{
    private static readonly TimeSpan SignalTimeout = TimeSpan.FromSeconds(10);
    private static readonly Fingerprint Fingerprint = StoreTestData.FingerprintOf(1);

    private readonly TimerWatchingTimeProvider _waitingClock = new();
    private PrivateRedisStore _redis = null!;
    private RedisIdempotencyStore _holder = null!;
    private RedisIdempotencyStore _waiter = null!;
    private IServer _server = null!;

    public async Task InitializeAsync()
    {
        _redis = await PrivateRedisStore.StartAsync();
        (_holder, _server) = (_redis.Store, _redis.Server);
        _waiter = await _redis.AnotherInstanceAsync(_waitingClock);
    }

    public Task DisposeAsync() => _redis.DisposeAsync().AsTask();

    [Fact]
    public async Task A_completion_or_release_nobody_waits_for_announces_nothing()
    {
        var before = await RedisCommandStats.ReadAsync(_server);

        var completed = await ClaimAsync(StoreTestData.NewId());
        await _holder.CompleteAsync(completed, StoreTestData.Record(Fingerprint, "done"), StoreTestData.RecordTtl, CancellationToken.None);
        await _holder.ReleaseAsync(await ClaimAsync(StoreTestData.NewId()), CancellationToken.None);

        var sent = (await RedisCommandStats.ReadAsync(_server)).Since(before);
        Assert.Equal(0, sent.Calls("spublish", "publish"));
    }

    [Fact]
    public async Task A_waiter_is_woken_by_a_completion_on_another_instance()
    {
        var (claim, watch) = await WaitOnClaimAsync();
        using var watching = watch;

        await _holder.CompleteAsync(claim, StoreTestData.Record(Fingerprint, "done"), StoreTestData.RecordTtl, CancellationToken.None);

        await watch.Changed.WaitAsync(SignalTimeout);
    }

    [Fact]
    public async Task An_awaited_completion_is_announced_once()
    {
        var (claim, watch) = await WaitOnClaimAsync();
        using var watching = watch;
        var before = await RedisCommandStats.ReadAsync(_server);

        await _holder.CompleteAsync(claim, StoreTestData.Record(Fingerprint, "done"), StoreTestData.RecordTtl, CancellationToken.None);

        var sent = (await RedisCommandStats.ReadAsync(_server)).Since(before);
        Assert.Equal(1, sent.Calls("spublish"));
        Assert.Equal(0, sent.Calls("publish"));
    }

    [Fact]
    public async Task An_awaited_claim_is_still_renewed_by_its_holder()
    {
        var (claim, watch) = await WaitOnClaimAsync();
        using var watching = watch;

        Assert.True(await _holder.RenewAsync(claim, StoreTestData.LongLease, CancellationToken.None));
    }

    [Fact]
    public async Task An_awaited_claim_is_still_completed_by_its_holder()
    {
        var (claim, watch) = await WaitOnClaimAsync();
        using var watching = watch;
        var record = StoreTestData.Record(Fingerprint, "done");

        Assert.True(await _holder.CompleteAsync(claim, record, StoreTestData.RecordTtl, CancellationToken.None));

        var replay = await _waiter.BeginAsync(claim.Id, Fingerprint, StoreTestData.LongLease, rememberLapsedFor: null, CancellationToken.None);
        RecordAssert.Equal(record, replay.Record);
    }

    [Fact]
    public async Task A_begin_on_an_awaited_claim_finds_it_in_flight_with_its_fingerprint()
    {
        var (claim, watch) = await WaitOnClaimAsync();
        using var watching = watch;

        var duplicate = await _waiter.BeginAsync(claim.Id, StoreTestData.FingerprintOf(2), StoreTestData.LongLease, rememberLapsedFor: null, CancellationToken.None);

        Assert.Equal((BeginOutcome.InFlight, Fingerprint), (duplicate.Outcome, duplicate.HolderFingerprint));
    }

    [Fact]
    public async Task Many_waiters_on_one_instance_share_one_subscription_and_one_poller()
    {
        var id = StoreTestData.NewId();
        await ClaimAsync(id);
        var before = await RedisCommandStats.ReadAsync(_server);

        var watches = Enumerable.Range(0, 50).Select(_ => _waiter.Watch(id)).ToList();
        await _waitingClock.TimerArmedAsync();
        await _waitingClock.AdvanceToNextTimerAsync(ChangeNotifier.FirstLook);

        var sent = (await RedisCommandStats.ReadAsync(_server)).Since(before);
        Assert.Equal(1, sent.Calls("ssubscribe"));
        Assert.Equal(2, sent.Calls("evalsha", "eval"));
        watches.ForEach(watch => watch.Dispose());
    }

    /// <summary>Claims a key on the holder, and has the waiter watch it until its watch has looked once.</summary>
    private async Task<(Claim Claim, ChangeWatch Watch)> WaitOnClaimAsync()
    {
        var id = StoreTestData.NewId();
        var claim = await ClaimAsync(id);
        var watch = _waiter.Watch(id);
        await _waitingClock.TimerArmedAsync();
        return (claim, watch);
    }

    private async Task<Claim> ClaimAsync(RecordId id) =>
        (await _holder.BeginAsync(id, Fingerprint, StoreTestData.LongLease, rememberLapsedFor: null, CancellationToken.None)).Claim;
}
