using WhetGateway.Tests.Infrastructure;

namespace WhetGateway.Tests.Faults;

/// <summary>At-most-once against upstream faults on the Redis store.</summary>
[Collection(SharedRedisCollection.Name)]
public sealed class RedisAtMostOnceUpstreamFaultTests(SharedRedis redis) : AtMostOnceUpstreamFaultSpec
{
    private readonly string _keyPrefix = $"test:{Guid.NewGuid():N}:";

    protected override IReadOnlyDictionary<string, string?> StoreSettings => GatewayHost.OnRedis(redis.ConnectionString, _keyPrefix);
}
