namespace WhetGateway.Idempotency.Protocols;

/// <summary>What a protocol made of a request.</summary>
internal enum RequestIdentityKind
{
    /// <summary>Nothing to make idempotent (no key, not a mutating call): forward untouched.</summary>
    PassThrough,

    /// <summary>Refused before anything is forwarded (a malformed key, say).</summary>
    Rejected,

    /// <summary>A keyed request: run it once.</summary>
    Identified,
}
