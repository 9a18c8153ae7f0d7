namespace WhetGateway.Idempotency.Errors;

/// <summary>
/// The answers the engine gives itself instead of forwarding. Each has one status, one Agent API type and one message
/// template, in <see cref="IdempotencyProblem"/>; each protocol writes it in its own shape.
/// </summary>
internal enum IdempotencyError
{
    /// <summary>Kestrel refused the body's framing (bad chunking, too few bytes, too slow).</summary>
    BodyUnreadable,

    /// <summary>The body is over the policy's <c>MaxRequestBodyBytes</c>.</summary>
    BodyTooLarge,

    /// <summary>The body, once its content codings are undone, is over the policy's <c>MaxRequestBodyBytes</c>.</summary>
    DecodedBodyTooLarge,

    /// <summary>The body is not valid content of the coding it names.</summary>
    BodyNotDecodable,

    /// <summary>The body lists more content codings than the engine decodes.</summary>
    TooManyContentCodings,

    /// <summary>The body uses a content coding the engine cannot decode.</summary>
    UnsupportedContentEncoding,

    /// <summary>The body nests JSON deeper than the engine reads.</summary>
    BodyTooDeep,

    /// <summary>The body, which has to carry the key, is not valid JSON.</summary>
    BodyNotJson,

    /// <summary>The key is malformed: not a string, the wrong length, not printable ASCII, or given twice.</summary>
    KeyInvalid,

    /// <summary>The policy requires a key and the request has none.</summary>
    KeyMissing,

    /// <summary>The key was already used with a different request.</summary>
    FingerprintMismatch,

    /// <summary>The original request with the key was still running when the wait bound ran out.</summary>
    RequestInProgress,

    /// <summary>The upstream did not answer within the policy's <c>UpstreamTimeout</c>.</summary>
    UpstreamTimeout,

    /// <summary>The resource the original request created was deleted (the record is a tombstone).</summary>
    ResourceDeleted,

    /// <summary>Under at-most-once, the original may or may not have acted upstream, and it will not run again.</summary>
    OutcomeUnknown,

    /// <summary>The original's response was too large to record, and it will not run again.</summary>
    ResponseNotReplayable,

    /// <summary>The store could not be reached, so the request was not forwarded.</summary>
    StoreUnavailable,
}
