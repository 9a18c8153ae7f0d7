using WhetGateway.Tests.Infrastructure;

namespace WhetGateway.Tests.Faults;

/// <summary>Three instances on one Redis.</summary>
[Collection(SharedRedisCollection.Name)]
public sealed class ScaleOutOnRedisTests(SharedRedis redis) : ScaleOutSpec
{
    protected override string RedisConnectionString => redis.ConnectionString;
}
