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
}
