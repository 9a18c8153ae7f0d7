using Microsoft.AspNetCore.Http;

namespace WhetGateway.Scoping;

/// <summary>
/// One scope per credential: a SHA-256 of the credential header's value (by default <c>Authorization</c>). The
/// credential itself is never kept. A request without the header has no scope.
/// </summary>
internal sealed class CredentialScopeResolver(string headerName) : IScopeResolver
{
    public ValueTask<string?> ResolveAsync(HttpContext context) =>
        ValueTask.FromResult(RequestCredential.Read(context.Request, headerName) is { } credential ? ScopeFor(credential) : null);

    /// <summary>The hint is the credential header's whole value, e.g. <c>Bearer abc…</c>.</summary>
    public string ScopeFor(string hint) => "credential:" + RequestCredential.Hash(hint);
}
