using WhetGateway.Tests.Infrastructure;

namespace WhetGateway.Tests.Gateway;

/// <summary>The client-facing contract on the Redis store.</summary>
[Collection(SharedRedisCollection.Name)]
public sealed class RedisGatewaySemanticsTests(SharedRedis redis) : GatewaySemanticsSpec
{
    protected override IReadOnlyDictionary<string, string?> SettingOverrides => GatewayHost.OnRedis(redis.ConnectionString, $"test:{Guid.NewGuid():N}:");
}
