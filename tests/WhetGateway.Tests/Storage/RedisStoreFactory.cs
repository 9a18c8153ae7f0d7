using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;
using WhetGateway.Storage;
using WhetGateway.Storage.Redis;

namespace WhetGateway.Tests.Storage;

/// <summary>A Redis store on its own key prefix, for the store contract on a single Redis or a Cluster.</summary>
internal static class RedisStoreFactory
{
    public static async Task<(IIdempotencyStore Store, Func<ValueTask> Cleanup)> CreateAsync(string connectionString)
    {
        var connection = await ConnectionMultiplexer.ConnectAsync(connectionString);
        var store = new RedisIdempotencyStore(connection, $"test:{Guid.NewGuid():N}:", NullLogger<RedisIdempotencyStore>.Instance);

        // The store subscribes to its change channel in its constructor; a ping on the subscription connection is
        // answered only after that SUBSCRIBE, so the watch tests cannot publish before anyone listens.
        await connection.GetSubscriber().PingAsync();
        return (store, connection.DisposeAsync);
    }
}
