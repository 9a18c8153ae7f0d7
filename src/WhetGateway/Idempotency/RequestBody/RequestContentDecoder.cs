using System.IO.Compression;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Primitives;

namespace WhetGateway.Idempotency.RequestBody;

/// <summary>
/// Undoes a request body's <c>Content-Encoding</c> (gzip, deflate, br, in any stack) so the key inside can be read
/// and the payload fingerprinted; the forwarder still sends the bytes as they came. Decoding stops as soon as the
/// output outgrows the policy's body cap, so a small bomb cannot become a large buffer.
/// </summary>
internal static class RequestContentDecoder
{
    /// <summary>The codings this gateway decodes, for a 415's <c>Accept-Encoding</c>.</summary>
    public const string Supported = "gzip, deflate, br";

    public static ContentDecodingStatus Decode(ReadOnlyMemory<byte> content, StringValues contentEncoding, long maxBytes, out ReadOnlyMemory<byte> decoded)
    {
        decoded = content;
        var codings = contentEncoding.SelectMany(value => (value ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToList();

        // Codings are listed in the order they were applied: undo the last first.
        for (var i = codings.Count - 1; i >= 0; i--)
        {
            if (codings[i].Equals("identity", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            Func<Stream, Stream>? decoder = codings[i].ToUpperInvariant() switch
            {
                "GZIP" or "X-GZIP" => static stream => new GZipStream(stream, CompressionMode.Decompress),
                "DEFLATE" => static stream => new ZLibStream(stream, CompressionMode.Decompress),
                "BR" => static stream => new BrotliStream(stream, CompressionMode.Decompress),
                _ => null,
            };
            if (decoder is null)
            {
                return ContentDecodingStatus.Unsupported;
            }

            var status = DecodeOne(decoded, decoder, maxBytes, out decoded);
            if (status != ContentDecodingStatus.Decoded)
            {
                return status;
            }
        }

        return ContentDecodingStatus.Decoded;
    }

    private static ContentDecodingStatus DecodeOne(ReadOnlyMemory<byte> encoded, Func<Stream, Stream> decoder, long maxBytes, out ReadOnlyMemory<byte> decoded)
    {
        decoded = ReadOnlyMemory<byte>.Empty;
        try
        {
            var source = MemoryMarshal.TryGetArray(encoded, out var segment)
                ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
                : new MemoryStream(encoded.ToArray(), writable: false);
            using var input = decoder(source);
            using var output = new MemoryStream();
            var buffer = new byte[16 * 1024];
            int read;
            while ((read = input.Read(buffer)) > 0)
            {
                if (output.Length + read > maxBytes)
                {
                    return ContentDecodingStatus.TooLarge;
                }

                output.Write(buffer, 0, read);
            }

            decoded = output.ToArray();
            return ContentDecodingStatus.Decoded;
        }
        catch (Exception exception) when (exception is InvalidDataException or InvalidOperationException)
        {
            return ContentDecodingStatus.Corrupt;
        }
    }
}
