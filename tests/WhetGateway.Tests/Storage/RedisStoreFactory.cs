using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;
using WhetGateway.Storage;
using WhetGateway.Storage.Redis;

namespace WhetGateway.Tests.Storage;

/// <summary>A Redis store on its own key prefix, for the store contract on a single Redis or a Cluster.</summary>
internal static class RedisStoreFactory
{
    public static async Task<(IIdempotencyStore Store, IIdempotencyStoreAdministration Administration, Func<ValueTask> Cleanup)> CreateAsync(string connectionString)
    {
        var connection = await ConnectionMultiplexer.ConnectAsync(connectionString);
        var store = new RedisIdempotencyStore(connection, $"test:{Guid.NewGuid():N}:", TimeProvider.System, NullLogger<RedisIdempotencyStore>.Instance);
        return (store, store, connection.DisposeAsync);
    }
}
