using Microsoft.AspNetCore.Http;

namespace WhetGateway.Scoping;

/// <summary>
/// The organization a trusted authenticating proxy put in a header. Only configured when the operator declares the
/// proxy the sole way in (<c>Idempotency:Scope:Header:Trusted</c>). No header, or several values (repeated, or
/// comma-joined as by a proxy that appends instead of overwriting): no scope.
/// </summary>
internal sealed class HeaderScopeResolver(string headerName) : IScopeResolver
{
    /// <summary>The hint is the organization id.</summary>
    public string ScopeFor(string hint) => OrganizationScope.Of(hint)!;

    public ValueTask<string?> ResolveAsync(HttpContext context) =>
        ValueTask.FromResult(RequestCredential.Read(context.Request, headerName) is { } organization && !organization.Contains(',', StringComparison.Ordinal)
            ? OrganizationScope.Of(organization.Trim())
            : null);
}
