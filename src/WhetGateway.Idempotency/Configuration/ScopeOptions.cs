namespace WhetGateway.Configuration;

/// <summary>How a request's scope is found (<c>Idempotency:Scope</c>).</summary>
public sealed class ScopeOptions
{
    /// <summary><c>Credential</c> (default), <c>Jwt</c>, <c>Introspection</c>, <c>Header</c>, <c>Global</c> or <c>Claim</c>.</summary>
    public ScopeSource Source { get; set; } = ScopeSource.Credential;

    /// <summary>The header whose value identifies the caller under <c>Credential</c>. Default <c>Authorization</c>.</summary>
    public string CredentialHeader { get; set; } = "Authorization";

    /// <summary>Settings used when <see cref="Source"/> is <c>Jwt</c>.</summary>
    public JwtScopeOptions Jwt { get; set; } = new();

    /// <summary>Settings used when <see cref="Source"/> is <c>Introspection</c>.</summary>
    public IntrospectionScopeOptions Introspection { get; set; } = new();

    /// <summary>Settings used when <see cref="Source"/> is <c>Header</c>.</summary>
    public HeaderScopeOptions Header { get; set; } = new();

    /// <summary>The claim of <c>HttpContext.User</c> that names the organization when <see cref="Source"/> is <c>Claim</c>.</summary>
    public string? ClaimType { get; set; }
}
