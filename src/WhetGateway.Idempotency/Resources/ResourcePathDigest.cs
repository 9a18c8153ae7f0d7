using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace WhetGateway.Resources;

/// <summary>
/// How logs name a resource path: a short SHA-256 digest, never the path, which can carry a secret
/// (<c>/api-keys/sk_live_…</c>). An operator who knows the path can compute the same digest to find its entries.
/// </summary>
internal static class ResourcePathDigest
{
    public static string Of(string resourcePath) => "sha256:" + Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(resourcePath)).AsSpan(0, 12));
}
