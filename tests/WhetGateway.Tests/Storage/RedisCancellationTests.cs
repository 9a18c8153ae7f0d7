using Microsoft.Extensions.Logging.Abstractions;
using WhetGateway.Configuration;
using WhetGateway.Storage;
using WhetGateway.Storage.Redis;
using WhetGateway.Tests.Infrastructure;

namespace WhetGateway.Tests.Storage;

/// <summary>
/// The Redis store honours the cancellation token of every call: a caller that gives up (its client went away, the
/// host stops) is not held until the operation timeout of a stalled Redis, nor by an app's store still connecting to
/// it, and a begin it gave up on leaves no claim.
/// </summary>
public sealed class RedisCancellationTests : IAsyncLifetime
{
    private PrivateRedisStore _redis = null!;

    public async Task InitializeAsync() => _redis = await PrivateRedisStore.StartAsync();

    public async Task DisposeAsync()
    {
        await _redis.ResumeAsync();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task A_call_to_a_stalled_Redis_ends_when_its_caller_cancels()
    {
        await _redis.PauseAsync();
        using var cancel = new CancellationTokenSource();
        var inspect = _redis.Store.InspectAsync(StoreTestData.NewId(), cancel.Token).AsTask();

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => inspect);
    }

    [Fact]
    public async Task A_begin_its_caller_gave_up_on_leaves_no_claim_behind()
    {
        var id = StoreTestData.NewId();
        var fingerprint = StoreTestData.FingerprintOf(3);
        await _redis.PauseAsync();
        using var cancel = new CancellationTokenSource();
        var begin = _redis.Store.BeginAsync(id, fingerprint, StoreTestData.LongLease, rememberLapsedFor: null, cancel.Token).AsTask();
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => begin);

        await _redis.ResumeAsync();
        var retry = await _redis.Store.BeginAsync(id, fingerprint, StoreTestData.LongLease, rememberLapsedFor: null, CancellationToken.None);

        Assert.Equal(BeginOutcome.Claimed, retry.Outcome);
    }

    [Fact]
    public async Task A_first_call_that_connects_an_apps_store_to_a_stalled_Redis_ends_when_its_caller_cancels()
    {
        await _redis.PauseAsync();
        using var store = new LazyRedisIdempotencyStore(
            new RedisStoreOptions { Configuration = _redis.ConnectionString, OperationTimeout = TimeSpan.FromSeconds(5) },
            TimeProvider.System,
            NullLogger<RedisIdempotencyStore>.Instance);
        using var cancel = new CancellationTokenSource();
        var inspect = store.InspectAsync(StoreTestData.NewId(), cancel.Token).AsTask();

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => inspect);
    }
}
