using WhetGateway.Idempotency.Errors;
using WhetGateway.Storage;

namespace WhetGateway.Idempotency.Protocols;

/// <summary>
/// A request as a protocol reads it: which endpoint and key it runs under, and its fingerprint; or why it passes
/// through, or why it is refused.
/// </summary>
internal sealed class RequestIdentity
{
    private RequestIdentity(RequestIdentityKind kind)
    {
        Kind = kind;
    }

    public RequestIdentityKind Kind { get; }

    /// <summary>Why the request passes through, for the log.</summary>
    public string? PassThroughReason { get; private init; }

    public IdempotencyProblem? Problem { get; private init; }

    /// <summary>The endpoint part of the scope: the route matched (<see cref="Routing.CanonicalEndpoint"/>), plus the tool for an MCP call.</summary>
    public string Endpoint { get; private init; } = string.Empty;

    public string Key { get; private init; } = string.Empty;

    public Fingerprint Fingerprint { get; private init; }

    /// <summary>The JSON-RPC id of the request, as JSON text, which a replay must carry instead of the original's.</summary>
    public string? JsonRpcId { get; private init; }

    public static RequestIdentity PassThrough(string reason) => new(RequestIdentityKind.PassThrough) { PassThroughReason = reason };

    public static RequestIdentity Rejected(IdempotencyProblem problem, string? jsonRpcId = null) =>
        new(RequestIdentityKind.Rejected) { Problem = problem, JsonRpcId = jsonRpcId };

    public static RequestIdentity Identified(string endpoint, string key, Fingerprint fingerprint, string? jsonRpcId = null) =>
        new(RequestIdentityKind.Identified) { Endpoint = endpoint, Key = key, Fingerprint = fingerprint, JsonRpcId = jsonRpcId };
}
