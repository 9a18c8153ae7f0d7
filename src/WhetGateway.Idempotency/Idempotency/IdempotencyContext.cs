using Microsoft.AspNetCore.Http;
using WhetGateway.Idempotency.Protocols;
using WhetGateway.Idempotency.RequestBody;
using WhetGateway.Storage;
using WhetGateway.Telemetry;

namespace WhetGateway.Idempotency;

/// <summary>
/// One request on an endpoint with an idempotency policy, as the middleware and its protocol see it: filled in step
/// by step (body, identity, scope, record id) and ending in one <see cref="Outcome"/>.
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

    /// <summary>How the request was answered, once decided; none when the request ended before that (the client left).</summary>
    public IdempotencyOutcome? Outcome { get; set; }

    /// <summary>How long the request waited for an original in flight, if it did.</summary>
    public TimeSpan? WaitedFor { get; set; }

    /// <summary>Whether its outcome has been reported (<see cref="IdempotencyTelemetry.Report"/>), which happens once.</summary>
    public bool Reported { get; set; }
}
