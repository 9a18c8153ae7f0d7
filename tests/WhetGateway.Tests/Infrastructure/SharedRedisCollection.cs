namespace WhetGateway.Tests.Infrastructure;

/// <summary>Test classes in this collection share one Redis server.</summary>
[CollectionDefinition(Name)]
public sealed class SharedRedisCollection : ICollectionFixture<SharedRedis>
{
    public const string Name = "Shared Redis";
}
