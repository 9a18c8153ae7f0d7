namespace WhetGateway.Telemetry;

/// <summary>How the gateway answered one request on an idempotent route: the <c>outcome</c> of metrics, spans and logs.</summary>
internal enum IdempotencyOutcome
{
    /// <summary>First use: forwarded once.</summary>
    Executed,

    /// <summary>Forwarded after taking over a claim whose holder released it or died.</summary>
    TakenOver,

    /// <summary>Answered from the record at once.</summary>
    Replayed,

    /// <summary>Answered from the record after waiting for the original in flight.</summary>
    Waited,

    /// <summary>Same key, different body: 422.</summary>
    Mismatch,

    /// <summary>Bad key, bad body or a body over the limit: 400 or 413, upstream not called.</summary>
    Rejected,

    /// <summary>The original was still running after the wait bound: 409.</summary>
    InProgress,

    /// <summary>The original's response was too large to record: 409.</summary>
    NotReplayable,

    /// <summary>The resource the original created was deleted: 404.</summary>
    Tombstone,

    /// <summary>Forwarded without idempotency: no key, or a caller without a scope.</summary>
    Passthrough,

    /// <summary>The store could not be reached: 503, or forwarded under <c>PassThrough</c>.</summary>
    StoreUnavailable,

    /// <summary>Under at-most-once, the original may or may not have run upstream: 409, upstream not called.</summary>
    OutcomeUnknown,
}
