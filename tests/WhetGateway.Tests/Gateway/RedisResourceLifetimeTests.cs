using WhetGateway.Tests.Infrastructure;
using WhetGateway.Tests.Shapes;

namespace WhetGateway.Tests.Gateway;

/// <summary>Record lifetime on the Redis store.</summary>
[Collection(SharedRedisCollection.Name)]
public sealed class RedisResourceLifetimeTests(SharedRedis redis) : ResourceLifetimeSpec
{
    protected override IApiShape Shape { get; } = new GatewayShape();

    protected override IReadOnlyDictionary<string, string?> SettingOverrides => GatewayHost.OnRedis(redis.ConnectionString, $"test:{Guid.NewGuid():N}:");
}
