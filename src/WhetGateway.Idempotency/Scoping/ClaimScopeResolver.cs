using Microsoft.AspNetCore.Http;

namespace WhetGateway.Scoping;

/// <summary>
/// In-process: the organization named by a claim of the user the app's own authentication signed in. Reads
/// <c>HttpContext.User</c> only, so the app's authentication must run before the idempotency middleware.
/// </summary>
internal sealed class ClaimScopeResolver(string claimType) : IScopeResolver
{
    public ValueTask<string?> ResolveAsync(HttpContext context) => ValueTask.FromResult(OrganizationScope.Of(context.User, claimType));

    public string ScopeFor(string hint) => OrganizationScope.Of(hint)!;
}
