namespace MinimalApi.Tests;

/// <summary>The sample on <c>AddRedisIdempotencyStore</c>, against a redis-server of its own.</summary>
public sealed class RedisOrderApiTests(RedisServer redis) : OrderApiSpec, IClassFixture<RedisServer>
{
    protected override string? RedisConfiguration => redis.Configuration;
}
