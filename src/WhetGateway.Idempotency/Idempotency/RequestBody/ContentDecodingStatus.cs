namespace WhetGateway.Idempotency.RequestBody;

/// <summary>How decoding a request body's <c>Content-Encoding</c> went.</summary>
internal enum ContentDecodingStatus
{
    /// <summary>Decoded (or not encoded at all).</summary>
    Decoded,

    /// <summary>Decoded, its layers together are larger than the policy allows.</summary>
    TooLarge,

    /// <summary>The bytes are not what the coding says.</summary>
    Corrupt,

    /// <summary>A coding the gateway cannot undo, so it cannot see a key inside.</summary>
    Unsupported,

    /// <summary>More codings stacked than the gateway undoes; refused before decoding any.</summary>
    TooManyCodings,
}
