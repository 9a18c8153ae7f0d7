using WhetGateway.Tests.Infrastructure;
using WhetGateway.Tests.Shapes;

namespace WhetGateway.Tests.Gateway;

/// <summary>The client-facing contract on the Redis store.</summary>
[Collection(SharedRedisCollection.Name)]
public sealed class RedisGatewaySemanticsTests(SharedRedis redis) : GatewaySemanticsSpec
{
    protected override IApiShape Shape { get; } = new GatewayShape();

    protected override IReadOnlyDictionary<string, string?> SettingOverrides => GatewayHost.OnRedis(redis.ConnectionString, $"test:{Guid.NewGuid():N}:");
}
