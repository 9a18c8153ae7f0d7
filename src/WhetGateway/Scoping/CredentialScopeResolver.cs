using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace WhetGateway.Scoping;

/// <summary>
/// One scope per credential: a SHA-256 of the credential header's value (by default <c>Authorization</c>). The
/// credential itself is never kept. A request without the header has no scope.
/// </summary>
internal sealed class CredentialScopeResolver(string headerName) : IScopeResolver
{
    public ValueTask<string?> ResolveAsync(HttpContext context)
    {
        var values = context.Request.Headers[headerName];
        if (values.Count != 1 || string.IsNullOrWhiteSpace(values[0]))
        {
            return ValueTask.FromResult<string?>(null);
        }

        return ValueTask.FromResult<string?>(ScopeFor(values[0]!));
    }

    /// <summary>The hint is the credential header's whole value, e.g. <c>Bearer abc…</c>.</summary>
    public string ScopeFor(string hint) => "credential:" + Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(hint)));
}
