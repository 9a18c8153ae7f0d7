using Microsoft.AspNetCore.Http;

namespace WhetGateway.Scoping;

/// <summary>
/// Tells which scope (organization, credential, …) a request belongs to. Keys never collide across scopes, and a
/// request whose scope cannot be told is forwarded untouched: never a replay for an unknown caller.
/// </summary>
internal interface IScopeResolver
{
    /// <summary>An opaque scope id, or null when the caller cannot be identified.</summary>
    ValueTask<string?> ResolveAsync(HttpContext context);

    /// <summary>
    /// The scope id a caller's requests get, from what an operator knows of the caller (its credential, its
    /// organization id), so the operator endpoints can find a record without seeing any other.
    /// </summary>
    string ScopeFor(string hint);
}
