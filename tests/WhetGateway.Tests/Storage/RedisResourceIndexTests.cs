using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;
using WhetGateway.Storage;
using WhetGateway.Storage.Redis;
using WhetGateway.Tests.Infrastructure;

namespace WhetGateway.Tests.Storage;

/// <summary>What the Redis store keeps per resource stays bounded: ties of expired records do not pile up.</summary>
[Collection(SharedRedisCollection.Name)]
public sealed class RedisResourceIndexTests(SharedRedis redis)
{
    private static readonly TimeSpan ShortLifetime = TimeSpan.FromMilliseconds(300);
    private static readonly TimeSpan WellPastShortLifetime = TimeSpan.FromMilliseconds(1200);

    [Fact]
    public async Task Tying_drops_the_ties_of_records_that_have_expired()
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var prefix = $"test:{Guid.NewGuid():N}:";
        var store = new RedisIdempotencyStore(connection, prefix, TimeProvider.System, NullLogger<RedisIdempotencyStore>.Instance);
        const string resource = "/pipelines/pl_pruned";
        var longLived = new ResourceTie(resource, "credential:a", TimeSpan.Zero, TimeSpan.FromHours(1), ShortLifetime);
        Assert.True(await store.TieAsync(StoreTestData.NewId(), longLived, CancellationToken.None));
        for (var i = 0; i < 3; i++)
        {
            Assert.True(await store.TieAsync(StoreTestData.NewId(), longLived with { RecordLifetime = ShortLifetime }, CancellationToken.None));
        }

        await Task.Delay(WellPastShortLifetime);
        Assert.True(await store.TieAsync(StoreTestData.NewId(), longLived, CancellationToken.None));

        var server = connection.GetServers().Single();
        var index = Assert.Single(server.Keys(pattern: $"{prefix}res:*:i:*"));
        Assert.Equal(2, await connection.GetDatabase().SortedSetLengthAsync(index));
        Assert.InRange(await connection.GetDatabase().KeyTimeToLiveAsync(index) ?? TimeSpan.MaxValue, TimeSpan.FromMinutes(59), TimeSpan.FromHours(1));
    }
}
