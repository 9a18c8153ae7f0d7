using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace WhetGateway.Storage;

/// <summary>
/// The store identity of one idempotency record: a SHA-256 over (scope, method, endpoint, key), so neither a raw
/// credential nor a raw key ever reaches the store or the logs. The method is upper-cased: methods are
/// case-sensitive on the wire, yet the policy and most servers take <c>post</c> for POST, so a retry spelled
/// <c>post</c> must find the original's record rather than run again.
/// </summary>
internal readonly record struct RecordId(string Value)
{
    /// <param name="scope">The caller's scope.</param>
    /// <param name="method">The request method, in any case.</param>
    /// <param name="endpoint">The canonical endpoint (<see cref="Routing.CanonicalEndpoint"/>).</param>
    /// <param name="key">The idempotency key.</param>
    public static RecordId Create(string scope, string method, string endpoint, string key)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        AppendField(hash, scope);
        AppendField(hash, method.ToUpperInvariant());
        AppendField(hash, endpoint);
        AppendField(hash, key);
        Span<byte> digest = stackalloc byte[32];
        hash.GetHashAndReset(digest);
        return new RecordId(Base64Url.EncodeToString(digest));
    }

    public override string ToString() => Value;

    // Length-prefixed so that no two different tuples can produce the same byte stream.
    private static void AppendField(IncrementalHash hash, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        Span<byte> length = stackalloc byte[sizeof(int)];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(length, bytes.Length);
        hash.AppendData(length);
        hash.AppendData(bytes);
    }
}
