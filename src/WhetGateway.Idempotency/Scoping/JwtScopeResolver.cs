using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;

namespace WhetGateway.Scoping;

/// <summary>
/// The organization claim of a bearer JWT, validated by the standard JWT bearer handler under its own scheme
/// (<see cref="AuthenticationScheme"/>), which nothing else in the gateway uses. An invalid, expired or
/// unsigned token, or one with no (or several) organization claims, has no scope.
/// </summary>
internal sealed class JwtScopeResolver(string organizationClaim) : IScopeResolver
{
    /// <summary>The authentication scheme that validates tokens for scoping only.</summary>
    public const string AuthenticationScheme = "WhetScope";

    /// <summary>The hint is the organization id.</summary>
    public string ScopeFor(string hint) => OrganizationScope.Of(hint)!;

    public async ValueTask<string?> ResolveAsync(HttpContext context)
    {
        var result = await context.AuthenticateAsync(AuthenticationScheme);
        if (!result.Succeeded)
        {
            return null;
        }

        return OrganizationScope.Of(result.Principal, organizationClaim);
    }
}
