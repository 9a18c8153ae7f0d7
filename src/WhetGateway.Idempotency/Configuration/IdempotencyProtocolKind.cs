namespace WhetGateway.Configuration;

/// <summary>How a route's requests carry the idempotency key.</summary>
public enum IdempotencyProtocolKind
{
    /// <summary>REST: a top-level JSON body field (and optionally a header); the endpoint is the method and path.</summary>
    Rest,

    /// <summary>
    /// MCP over streamable HTTP: JSON-RPC <c>tools/call</c> requests carry the key among the tool's arguments; the
    /// endpoint is the tool. Replays answer with the new request's JSON-RPC id.
    /// </summary>
    Mcp,
}
