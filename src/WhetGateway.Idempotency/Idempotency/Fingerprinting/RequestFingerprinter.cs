using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using WhetGateway.Storage;

namespace WhetGateway.Idempotency.Fingerprinting;

/// <summary>
/// The fingerprint that tells a retry from a different request under the same key: SHA-256 over the query string
/// and the body. A JSON object body is hashed in canonical form (members sorted, insignificant whitespace gone,
/// strings re-escaped one way, the key field left out), so a client that re-serializes the same payload is still
/// recognised; numbers keep their literal text. Any other body is hashed byte for byte.
/// </summary>
/// <remarks>
/// The canonical form is what <see cref="Utf8JsonWriter"/> with <see cref="JavaScriptEncoder.UnsafeRelaxedJsonEscaping"/>
/// writes for the parsed document, members ordered by <see cref="StringComparer.Ordinal"/> on their names (ties
/// kept in document order). The body is split into tokens once, written from them in canonical form into one pooled
/// buffer, and hashed in one call: a fingerprint allocates nothing. A JSON body must be one the key reader has read
/// whole as valid (every keyed body is), or text the gateway itself wrote.
/// </remarks>
internal static class RequestFingerprinter
{
    public static Fingerprint Compute(ReadOnlyMemory<byte> body, bool bodyIsJsonObject, string keyField, string queryString)
    {
        var output = new CanonicalJsonWriter(Encoding.UTF8.GetMaxByteCount(queryString.Length) + 1 + body.Length);
        try
        {
            output.WriteUtf8(queryString);
            output.Write(0);
            if (bodyIsJsonObject)
            {
                CanonicalForm.Write(body, keyField, ref output);
            }
            else
            {
                output.Write(body.Span);
            }

            Span<byte> digest = stackalloc byte[Fingerprint.Size];
            SHA256.HashData(output.Written, digest);
            return Fingerprint.Read(digest);
        }
        finally
        {
            output.Dispose();
        }
    }
}
