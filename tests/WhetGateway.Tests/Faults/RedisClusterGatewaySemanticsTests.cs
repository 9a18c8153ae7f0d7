using WhetGateway.Tests.Gateway;
using WhetGateway.Tests.Infrastructure;
using WhetGateway.Tests.Shapes;

namespace WhetGateway.Tests.Faults;

/// <summary>The client-facing contract on a three-master Redis Cluster.</summary>
[Collection(RedisClusterCollection.Name)]
public sealed class RedisClusterGatewaySemanticsTests(SharedRedisCluster redis) : GatewaySemanticsSpec
{
    protected override IApiShape Shape { get; } = new GatewayShape();

    protected override IReadOnlyDictionary<string, string?> SettingOverrides => GatewayHost.OnRedis(redis.ConnectionString, $"test:{Guid.NewGuid():N}:");
}
