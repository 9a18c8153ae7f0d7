using WhetGateway.Storage;
using WhetGateway.Tests.Infrastructure;
using WhetGateway.Tests.Storage;

namespace WhetGateway.Tests.Faults;

/// <summary>The store contract on a three-master Redis Cluster: every script stays within one slot.</summary>
[Collection(RedisClusterCollection.Name)]
public sealed class RedisClusterStoreContractTests(SharedRedisCluster redis) : IdempotencyStoreContract
{
    private protected override Task<(IIdempotencyStore Store, IIdempotencyStoreAdministration Administration, Func<ValueTask> Cleanup)> CreateStoreAsync() =>
        RedisStoreFactory.CreateAsync(redis.ConnectionString);
}
