namespace WhetGateway.Configuration;

/// <summary>
/// An endpoint that tells the caller's organization from the caller's credential (<c>Idempotency:Scope:Introspection</c>).
/// The gateway sends it the credential header, reads the organization at <see cref="OrganizationPath"/> in its JSON
/// answer, and caches the answer per credential hash.
/// </summary>
public sealed class IntrospectionScopeOptions
{
    /// <summary>The absolute URL to call, e.g. <c>http://127.0.0.1:5081/auth/introspect</c>.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary><c>POST</c> (default, empty body) or <c>GET</c>.</summary>
    public string Method { get; set; } = "POST";

    /// <summary>The caller's header that carries the credential, sent on to the endpoint. Default <c>Authorization</c>.</summary>
    public string CredentialHeader { get; set; } = "Authorization";

    /// <summary>Dotted path of the organization id in the answer, e.g. <c>organization.id</c>. An answer with <c>"active": false</c> names none.</summary>
    public string OrganizationPath { get; set; } = "organization.id";

    /// <summary>How long an answer naming an organization is reused for the same credential (capped by the answer's <c>exp</c>). Default 1 min.</summary>
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How many credentials the cache holds at most. Default 10 000.</summary>
    public int CacheSize { get; set; } = 10_000;

    /// <summary>The longest an introspection call may take; then the request goes on without idempotency. Default 2 s.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(2);
}
