using WhetGateway.Idempotency.Protocols;
using WhetGateway.Storage;

namespace WhetGateway.Idempotency;

/// <summary>One keyed request on its way through the pipeline: its policy, protocol, identity, caller's scope and record id.</summary>
internal sealed record Execution(IdempotencyPolicy Policy, IIdempotencyProtocol Protocol, RequestIdentity Request, string Scope, RecordId Id)
{
    public Fingerprint Fingerprint => Request.Fingerprint;
}
