using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;
using WhetGateway.Storage.Redis;
using WhetGateway.Tests.Infrastructure;
using WhetGateway.Tests.Storage;

namespace WhetGateway.Tests.Faults;

/// <summary>
/// Sharded notices on a three-master Redis Cluster: the waiting instance's clock is never moved, so after its first
/// look only the notice, published in the key's slot, can wake it.
/// </summary>
[Collection(RedisClusterCollection.Name)]
public sealed class RedisClusterChangeNoticeTests(SharedRedisCluster redis)
{
    [Fact]
    public async Task A_waiter_is_woken_by_a_completion_on_another_instance()
    {
        var prefix = $"test:{Guid.NewGuid():N}:";
        var waitingClock = new TimerWatchingTimeProvider();
        using var holder = new RedisIdempotencyStore(await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString), prefix, TimeProvider.System, NullLogger<RedisIdempotencyStore>.Instance);
        using var waiter = new RedisIdempotencyStore(await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString), prefix, waitingClock, NullLogger<RedisIdempotencyStore>.Instance);
        var id = StoreTestData.NewId();
        var fingerprint = StoreTestData.FingerprintOf(1);
        var claim = (await holder.BeginAsync(id, fingerprint, StoreTestData.LongLease, rememberLapsedFor: null, CancellationToken.None)).Claim;
        using var watch = waiter.Watch(id);
        await waitingClock.TimerArmedAsync();

        await holder.CompleteAsync(claim, StoreTestData.Record(fingerprint, "done"), StoreTestData.RecordTtl, CancellationToken.None);

        await watch.Changed.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
