namespace WhetGateway.Configuration;

/// <summary>
/// An endpoint that tells the caller's organization from the caller's credential (<c>Idempotency:Scope:Introspection</c>).
/// The gateway sends it the credential header, reads the organization at <see cref="OrganizationPath"/> in its JSON
/// answer, and caches the answer per credential hash (an answer naming none, or a failed call, for a short while).
/// </summary>
public sealed class IntrospectionScopeOptions
{
    /// <summary>The absolute URL to call, e.g. <c>http://127.0.0.1:5081/auth/introspect</c>.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary><c>POST</c> (default, empty body) or <c>GET</c>.</summary>
    public string Method { get; set; } = "POST";

    /// <summary>The caller's header that carries the credential, sent on to the endpoint. Default <c>Authorization</c>.</summary>
    public string CredentialHeader { get; set; } = "Authorization";

    /// <summary>
    /// Dotted path of the organization id in the answer, e.g. <c>organization.id</c>. Only an answer with
    /// <c>"active": true</c> names one (RFC 7662: without <c>active</c>, the credential is not active).
    /// </summary>
    public string OrganizationPath { get; set; } = "organization.id";

    /// <summary>How long an answer naming an organization is reused for the same credential (capped by the answer's <c>exp</c>). Default 1 min.</summary>
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long a credential whose answer named no organization (inactive, unknown, expired), or whose call failed
    /// or timed out, goes without a scope before the endpoint is asked about it again: repeating a made-up or revoked
    /// credential then costs one call per this long. Default 10 s.
    /// </summary>
    public TimeSpan NegativeCacheDuration { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How many credentials each cache holds at most: the one of answers naming an organization, and the one of
    /// answers naming none. Default 10 000.
    /// </summary>
    public int CacheSize { get; set; } = 10_000;

    /// <summary>
    /// The most introspection calls one instance has in flight. A request whose credential would need one more gets
    /// no scope at once (it goes on without idempotency) instead of waiting: distinct made-up credentials miss every
    /// cache, and this is what bounds what a flood of them costs the endpoint. Default 32.
    /// </summary>
    public int MaxConcurrentCalls { get; set; } = 32;

    /// <summary>The longest an introspection call may take; then the request goes on without idempotency. Default 2 s.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(2);
}
