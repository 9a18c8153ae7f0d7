namespace WhetGateway.Idempotency.Keys;

/// <summary>What looking for the idempotency key in a request found.</summary>
internal enum KeyReadStatus
{
    /// <summary>No key anywhere: the request is forwarded untouched (unless the policy requires a key).</summary>
    Absent,

    /// <summary>A well-formed key.</summary>
    Valid,

    /// <summary>A key that breaks the format rules, or two different keys: 400, upstream not called.</summary>
    Invalid,

    /// <summary>The body looks like a JSON object but is not valid JSON, so the key cannot be trusted: 400.</summary>
    MalformedBody,
}
