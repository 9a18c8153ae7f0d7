using WhetGateway.Tests.Gateway;
using WhetGateway.Tests.Infrastructure;
using WhetGateway.Tests.Shapes;

namespace WhetGateway.Tests.InProcess;

/// <summary>Record lifetime with the middleware in the sample API's own app, on the Redis store (<c>AddRedisIdempotencyStore</c>).</summary>
[Collection(SharedRedisCollection.Name)]
public sealed class InProcessRedisResourceLifetimeTests(SharedRedis redis) : ResourceLifetimeSpec
{
    protected override IApiShape Shape { get; } = new InProcessShape();

    protected override IReadOnlyDictionary<string, string?> SettingOverrides => GatewayHost.OnRedis(redis.ConnectionString, $"test:{Guid.NewGuid():N}:");
}
