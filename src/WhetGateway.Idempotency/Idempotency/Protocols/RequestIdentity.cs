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

    /// <summary>The idempotency key; none for a request a response cache knows by its content (its fingerprint).</summary>
    public string? Key { get; private init; }

    public Fingerprint Fingerprint { get; private init; }

    /// <summary>The JSON-RPC id of the request, as JSON text, which a replay must carry instead of the original's.</summary>
    public string? JsonRpcId { get; private init; }

    public static RequestIdentity PassThrough(string reason) => new(RequestIdentityKind.PassThrough) { PassThroughReason = reason };

    public static RequestIdentity Rejected(IdempotencyProblem problem, string? jsonRpcId = null) =>
        new(RequestIdentityKind.Rejected) { Problem = problem, JsonRpcId = jsonRpcId };

    public static RequestIdentity Identified(string endpoint, string key, Fingerprint fingerprint, string? jsonRpcId = null) =>
        new(RequestIdentityKind.Identified) { Endpoint = endpoint, Key = key, Fingerprint = fingerprint, JsonRpcId = jsonRpcId };

    /// <summary>A request a response cache knows by its content alone, key or no key: equal requests share one record.</summary>
    public static RequestIdentity IdentifiedByContent(string endpoint, Fingerprint fingerprint) =>
        new(RequestIdentityKind.Identified) { Endpoint = endpoint, Fingerprint = fingerprint };

    /// <summary>The record this request names in <paramref name="scope"/>: by its key, or by its content when it has none.</summary>
    public RecordId RecordIn(string scope, string method) =>
        Key is null ? RecordId.CreateForContent(scope, method, Endpoint, Fingerprint) : RecordId.Create(scope, method, Endpoint, Key);
}
