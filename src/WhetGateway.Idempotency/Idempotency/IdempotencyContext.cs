using Microsoft.AspNetCore.Http;
using WhetGateway.Idempotency.Protocols;
using WhetGateway.Idempotency.RequestBody;
using WhetGateway.Storage;

namespace WhetGateway.Idempotency;

/// <summary>
/// One request on an endpoint with an idempotency policy, as the middleware and its protocol see it: filled in step
/// by step (body, identity, scope, record id).
/// </summary>
internal sealed class IdempotencyContext(HttpContext httpContext, IdempotencyPolicy policy, IIdempotencyProtocol protocol)
{
    public HttpContext HttpContext { get; } = httpContext;

    public IdempotencyPolicy Policy { get; } = policy;

    public IIdempotencyProtocol Protocol { get; } = protocol;

    /// <summary>The body as buffered, once read; the forwarder reads it again from here.</summary>
    public BufferedRequestBody? Body { get; set; }

    /// <summary>What the protocol made of the request, once it has read it.</summary>
    public RequestIdentity? Request { get; set; }

    /// <summary>The caller's scope, once resolved.</summary>
    public string Scope { get; set; } = string.Empty;

    /// <summary>The record the key names in the caller's scope, once the scope is resolved.</summary>
    public RecordId Id { get; set; }

    public Fingerprint Fingerprint => Request?.Fingerprint ?? default;
}
