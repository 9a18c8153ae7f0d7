namespace WhetGateway.Tests.Mcp;

/// <summary>MCP tool calls on the embedded in-memory store.</summary>
public sealed class InMemoryMcpGatewayTests : McpGatewaySpec;
