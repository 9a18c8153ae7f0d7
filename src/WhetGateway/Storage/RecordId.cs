using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace WhetGateway.Storage;

/// <summary>
/// The store identity of one idempotency record: a SHA-256 over (scope, method, path, key), so neither a raw
/// credential nor a raw key ever reaches the store or the logs.
/// </summary>
internal readonly record struct RecordId(string Value)
{
    public static RecordId Create(string scope, string method, string path, string key)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        AppendField(hash, scope);
        AppendField(hash, method);
        AppendField(hash, path);
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
