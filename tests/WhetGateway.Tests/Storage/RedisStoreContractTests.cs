using WhetGateway.Storage;
using WhetGateway.Tests.Infrastructure;

namespace WhetGateway.Tests.Storage;

[Collection(SharedRedisCollection.Name)]
public sealed class RedisStoreContractTests(SharedRedis redis) : IdempotencyStoreContract
{
    private protected override Task<(IIdempotencyStore Store, IIdempotencyStoreAdministration Administration, Func<ValueTask> Cleanup)> CreateStoreAsync() =>
        RedisStoreFactory.CreateAsync(redis.ConnectionString);
}
