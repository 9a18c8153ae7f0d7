namespace WhetGateway.Tests.Infrastructure;

/// <summary>Test classes in this collection share one three-master Redis Cluster.</summary>
[CollectionDefinition(Name)]
public sealed class RedisClusterCollection : ICollectionFixture<SharedRedisCluster>
{
    public const string Name = "Redis Cluster";
}
