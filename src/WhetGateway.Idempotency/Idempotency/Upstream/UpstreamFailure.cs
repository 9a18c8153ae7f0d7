namespace WhetGateway.Idempotency.Upstream;

/// <summary>How the call behind the middleware failed to answer, as far as the host can tell.</summary>
internal enum UpstreamFailure
{
    /// <summary>The call answered (whatever the status).</summary>
    None,

    /// <summary>It failed before any byte of the request left, so it cannot have acted.</summary>
    NeverSent,

    /// <summary>It failed after the request may have reached the upstream, so it may have acted.</summary>
    MayHaveActed,
}
