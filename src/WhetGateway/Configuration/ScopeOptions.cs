namespace WhetGateway.Configuration;

/// <summary>How a request's scope is found (<c>Idempotency:Scope</c>).</summary>
public sealed class ScopeOptions
{
    /// <summary><c>Credential</c> (default) or <c>Global</c>.</summary>
    public ScopeSource Source { get; set; } = ScopeSource.Credential;

    /// <summary>The header whose value identifies the caller under <c>Credential</c>. Default <c>Authorization</c>.</summary>
    public string CredentialHeader { get; set; } = "Authorization";
}
