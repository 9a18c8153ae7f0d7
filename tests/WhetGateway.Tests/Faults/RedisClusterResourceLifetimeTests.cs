using WhetGateway.Tests.Gateway;
using WhetGateway.Tests.Infrastructure;
using WhetGateway.Tests.Shapes;

namespace WhetGateway.Tests.Faults;

/// <summary>Record lifetime on a three-master Redis Cluster: resource indexes and records live in different slots.</summary>
[Collection(RedisClusterCollection.Name)]
public sealed class RedisClusterResourceLifetimeTests(SharedRedisCluster redis) : ResourceLifetimeSpec
{
    protected override IApiShape Shape { get; } = new GatewayShape();

    protected override IReadOnlyDictionary<string, string?> SettingOverrides => GatewayHost.OnRedis(redis.ConnectionString, $"test:{Guid.NewGuid():N}:");
}
