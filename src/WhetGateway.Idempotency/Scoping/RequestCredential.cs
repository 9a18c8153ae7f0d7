using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace WhetGateway.Scoping;

/// <summary>Reads the header that identifies a caller, and hashes it so the raw value is never kept.</summary>
internal static class RequestCredential
{
    /// <summary>The header's single non-blank value, or null when it is absent, blank or given more than once.</summary>
    public static string? Read(HttpRequest request, string headerName)
    {
        var values = request.Headers[headerName];
        return values.Count == 1 && !string.IsNullOrWhiteSpace(values[0]) ? values[0] : null;
    }

    /// <summary>SHA-256 of <paramref name="credential"/>, base64url.</summary>
    public static string Hash(string credential) => Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(credential)));
}
