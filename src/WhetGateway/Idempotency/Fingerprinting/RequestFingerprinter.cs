using System.Buffers;
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
internal static class RequestFingerprinter
{
    private static readonly JsonWriterOptions CanonicalWriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    public static Fingerprint Compute(ReadOnlyMemory<byte> body, bool bodyIsJsonObject, string keyField, string queryString)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(queryString));
        hash.AppendData([0]);
        if (bodyIsJsonObject)
        {
            AppendCanonicalJson(hash, body, keyField);
        }
        else
        {
            hash.AppendData(body.Span);
        }

        Span<byte> digest = stackalloc byte[Fingerprint.Size];
        hash.GetHashAndReset(digest);
        return Fingerprint.Read(digest);
    }

    private static void AppendCanonicalJson(IncrementalHash hash, ReadOnlyMemory<byte> body, string keyField)
    {
        using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = Keys.IdempotencyKeyReader.MaxJsonDepth });
        var buffer = new ArrayBufferWriter<byte>(body.Length + 16);
        using (var writer = new Utf8JsonWriter(buffer, CanonicalWriterOptions))
        {
            WriteCanonical(writer, document.RootElement, keyField);
        }

        hash.AppendData(buffer.WrittenSpan);
    }

    private static void WriteCanonical(Utf8JsonWriter writer, JsonElement element, string? skippedMember)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var members = element.EnumerateObject()
                    .Where(member => skippedMember is null || !member.NameEquals(skippedMember))
                    .OrderBy(member => member.Name, StringComparer.Ordinal);
                writer.WriteStartObject();
                foreach (var member in members)
                {
                    writer.WritePropertyName(member.Name);
                    WriteCanonical(writer, member.Value, null);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    WriteCanonical(writer, item, null);
                }

                writer.WriteEndArray();
                break;
            case JsonValueKind.String:
                writer.WriteStringValue(element.GetString());
                break;
            default:
                writer.WriteRawValue(element.GetRawText(), skipInputValidation: true);
                break;
        }
    }
}
