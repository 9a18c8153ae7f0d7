namespace WhetGateway.Configuration;

/// <summary>The shape of the errors the engine writes itself on REST endpoints (MCP endpoints always answer JSON-RPC errors).</summary>
public enum IdempotencyErrorFormat
{
    /// <summary>
    /// The Agent API's envelope, <c>{"error":{"type":"validation_failed","message":"…","param":"idempotency_key"}}</c>,
    /// as <c>application/json</c>.
    /// </summary>
    AgentApi,

    /// <summary>
    /// RFC 9457 problem details (<c>application/problem+json</c>), written through ASP.NET Core's
    /// <c>IProblemDetailsService</c>: <c>status</c>, <c>title</c>, <c>detail</c>, and the Agent API type as the extension
    /// member <c>error_type</c> (and <c>param</c> when a field is at fault).
    /// </summary>
    ProblemDetails,
}
