namespace WhetGateway.Tests.Faults;

/// <summary>The kinds of policy route the hostile-input corpus runs against, each on its own path of one gateway.</summary>
public enum HostileRoute
{
    /// <summary><c>POST /pipelines/from-intent</c>: the key in the top-level body field or the <c>Idempotency-Key</c> header.</summary>
    Rest,

    /// <summary><c>POST /fetch</c>: a REST route whose policy has a response cache, so requests are identified by body fields.</summary>
    ResponseCache,

    /// <summary><c>POST /mcp-json</c>: JSON-RPC <c>tools/call</c>, the key among the tool's arguments.</summary>
    Mcp,
}
