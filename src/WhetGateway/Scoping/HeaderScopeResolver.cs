using Microsoft.AspNetCore.Http;

namespace WhetGateway.Scoping;

/// <summary>
/// The organization a trusted authenticating proxy put in a header. Only configured when the operator declares the
/// proxy the sole way in (<c>Idempotency:Scope:Header:Trusted</c>); no header, or the header twice: no scope.
/// </summary>
internal sealed class HeaderScopeResolver(string headerName) : IScopeResolver
{
    public ValueTask<string?> ResolveAsync(HttpContext context) =>
        ValueTask.FromResult(OrganizationScope.Of(RequestCredential.Read(context.Request, headerName)));
}
