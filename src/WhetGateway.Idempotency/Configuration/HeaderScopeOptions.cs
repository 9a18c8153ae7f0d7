namespace WhetGateway.Configuration;

/// <summary>
/// The organization in a header set by an authenticating proxy in front of the gateway (<c>Idempotency:Scope:Header</c>).
/// Anyone who reaches the gateway directly can set that header, so the gateway refuses to start unless
/// <see cref="Trusted"/> says the proxy is the only way in and overwrites the header on every request.
/// </summary>
public sealed class HeaderScopeOptions
{
    /// <summary>The header carrying the organization id, e.g. <c>X-Organization-Id</c>.</summary>
    public string? Name { get; set; }

    /// <summary>
    /// True states that only the trusted proxy reaches the gateway and that it sets (never passes through) the header.
    /// Default false, which refuses to start.
    /// </summary>
    public bool Trusted { get; set; }
}
