using Microsoft.AspNetCore.Http;

namespace WhetGateway.Scoping;

/// <summary>One scope for every caller: for upstream APIs without authentication.</summary>
internal sealed class GlobalScopeResolver : IScopeResolver
{
    private const string Scope = "global";

    public ValueTask<string?> ResolveAsync(HttpContext context) => ValueTask.FromResult<string?>(Scope);

    public string ScopeFor(string hint) => Scope;
}
