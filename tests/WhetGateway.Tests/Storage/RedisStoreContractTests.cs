using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;
using WhetGateway.Storage;
using WhetGateway.Storage.Redis;
using WhetGateway.Tests.Infrastructure;

namespace WhetGateway.Tests.Storage;

[Collection(SharedRedisCollection.Name)]
public sealed class RedisStoreContractTests(SharedRedis redis) : IdempotencyStoreContract
{
    private ConnectionMultiplexer? _connection;

    private protected override async Task<IIdempotencyStore> CreateStoreAsync()
    {
        _connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var store = new RedisIdempotencyStore(_connection, $"test:{Guid.NewGuid():N}:", NullLogger<RedisIdempotencyStore>.Instance);

        // The store subscribes to its change channel in its constructor; a ping on the subscription connection
        // answers only after that SUBSCRIBE, so the watch tests cannot publish before anyone listens.
        await _connection.GetSubscriber().PingAsync();
        return store;
    }

    private protected override async Task DisposeStoreAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }
    }
}
