using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace WhetGateway.Storage;

/// <summary>
/// The store identity of one idempotency record: a SHA-256 over (scope, method, endpoint, key), or, for a cached
/// response, (scope, method, endpoint, its content), so neither a raw
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
        using var hash = Start(scope, method, endpoint);
        AppendField(hash, Encoding.UTF8.GetBytes(key));
        return Finish(hash);
    }

    /// <summary>
    /// The record of a request a response cache knows by its content: five fields (a marker, then the fingerprint)
    /// where a keyed record has four, so no key can ever name it.
    /// </summary>
    /// <param name="scope">The caller's scope.</param>
    /// <param name="method">The request method, in any case.</param>
    /// <param name="endpoint">The canonical endpoint (<see cref="Routing.CanonicalEndpoint"/>).</param>
    /// <param name="content">The fingerprint of the request's cached fields.</param>
    public static RecordId CreateForContent(string scope, string method, string endpoint, Fingerprint content)
    {
        using var hash = Start(scope, method, endpoint);
        AppendField(hash, "content"u8);
        Span<byte> digest = stackalloc byte[Fingerprint.Size];
        content.Write(digest);
        AppendField(hash, digest);
        return Finish(hash);
    }

    public override string ToString() => Value;

    private static IncrementalHash Start(string scope, string method, string endpoint)
    {
        var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        AppendField(hash, Encoding.UTF8.GetBytes(scope));
        AppendField(hash, Encoding.UTF8.GetBytes(method.ToUpperInvariant()));
        AppendField(hash, Encoding.UTF8.GetBytes(endpoint));
        return hash;
    }

    private static RecordId Finish(IncrementalHash hash)
    {
        Span<byte> digest = stackalloc byte[32];
        hash.GetHashAndReset(digest);
        return new RecordId(Base64Url.EncodeToString(digest));
    }

    // Length-prefixed so that no two different tuples can produce the same byte stream.
    private static void AppendField(IncrementalHash hash, ReadOnlySpan<byte> value)
    {
        Span<byte> length = stackalloc byte[sizeof(int)];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(length, value.Length);
        hash.AppendData(length);
        hash.AppendData(value);
    }
}
