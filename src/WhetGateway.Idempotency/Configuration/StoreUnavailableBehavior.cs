namespace WhetGateway.Configuration;

/// <summary>What a keyed request gets while the store cannot be reached.</summary>
public enum StoreUnavailableBehavior
{
    /// <summary>503 <c>idempotency_unavailable</c> with <c>Retry-After</c>; the upstream is not called (fail closed).</summary>
    Reject,

    /// <summary>Forward without idempotency (fail open): the call runs, but a retry may run it again.</summary>
    PassThrough,
}
