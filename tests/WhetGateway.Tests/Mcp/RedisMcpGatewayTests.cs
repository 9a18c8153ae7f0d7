using WhetGateway.Tests.Infrastructure;

namespace WhetGateway.Tests.Mcp;

/// <summary>MCP tool calls on the Redis store: event streams and JSON answers recorded there, and replayed.</summary>
[Collection(SharedRedisCollection.Name)]
public sealed class RedisMcpGatewayTests(SharedRedis redis) : McpGatewaySpec
{
    protected override IReadOnlyDictionary<string, string?> StoreSettings => GatewayHost.OnRedis(redis.ConnectionString, $"test:{Guid.NewGuid():N}:");
}
