using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;
using WhetGateway.Storage;
using WhetGateway.Storage.Redis;
using WhetGateway.Tests.Infrastructure;

namespace WhetGateway.Tests.Storage;

[Collection(SharedRedisCollection.Name)]
public sealed class RedisStoreContractTests(SharedRedis redis) : IdempotencyStoreContract
{
    private protected override async Task<(IIdempotencyStore Store, Func<ValueTask> Cleanup)> CreateStoreAsync()
    {
        var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var store = new RedisIdempotencyStore(connection, $"test:{Guid.NewGuid():N}:", NullLogger<RedisIdempotencyStore>.Instance);

        // The store subscribes to its change channel in its constructor; a ping on the subscription connection is
        // answered only after that SUBSCRIBE, so the watch tests cannot publish before anyone listens.
        await connection.GetSubscriber().PingAsync();
        return (store, connection.DisposeAsync);
    }
}
