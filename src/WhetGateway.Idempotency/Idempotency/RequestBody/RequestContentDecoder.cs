using System.IO.Compression;
using Microsoft.Extensions.Primitives;

namespace WhetGateway.Idempotency.RequestBody;

/// <summary>
/// Undoes a request body's <c>Content-Encoding</c> (gzip, deflate, br, at most <see cref="MaxCodings"/> stacked) so
/// the key inside can be read and the payload fingerprinted; the forwarder still sends the bytes as they came. What
/// decoding may cost is bounded before it starts: a longer list of codings is refused without decoding anything, and
/// the decoders are chained as streams, so no layer is held whole and decoding stops as soon as the layers together
/// have produced more than the policy's body cap.
/// </summary>
internal static class RequestContentDecoder
{
    /// <summary>The codings this gateway decodes, for a 415's <c>Accept-Encoding</c>.</summary>
    public const string Supported = "gzip, deflate, br";

    /// <summary>
    /// The most codings a body's <c>Content-Encoding</c> may list. Every name counts, <c>identity</c> too (it means no
    /// coding and has no reason to be listed), so the rule is simply a header of at most this many names. No client
    /// needs more than two; each one more is another pass over the whole body.
    /// </summary>
    public const int MaxCodings = 2;

    /// <summary>
    /// Decodes <paramref name="body"/>: the decoded body (<paramref name="body"/> itself when every coding listed is
    /// <c>identity</c>), or why not. <paramref name="maxBytes"/> bounds the bytes all layers produce together.
    /// </summary>
    public static async Task<(ContentDecodingStatus Status, BufferedRequestBody? Decoded)> DecodeAsync(
        BufferedRequestBody body, StringValues contentEncoding, long maxBytes, CancellationToken cancellationToken)
    {
        var codings = contentEncoding.SelectMany(value => (value ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToList();
        if (codings.Count > MaxCodings)
        {
            return (ContentDecodingStatus.TooManyCodings, null);
        }

        codings.RemoveAll(coding => coding.Equals("identity", StringComparison.OrdinalIgnoreCase));
        var decoders = codings.Select(Decoder).ToList();
        if (decoders.Contains(null))
        {
            return (ContentDecodingStatus.Unsupported, null);
        }

        if (decoders.Count == 0)
        {
            return (ContentDecodingStatus.Decoded, body);
        }

        // Codings are listed in the order they were applied: the last one listed is undone first.
        var budget = new DecodingBudget(maxBytes);
        var decoded = body.OpenRead();
        for (var i = decoders.Count - 1; i >= 0; i--)
        {
            decoded = new BudgetedStream(decoders[i]!(decoded), budget);
        }

        await using (decoded)
        {
            try
            {
                var read = await BufferedRequestBody.ReadAsync(decoded, announcedLength: null, maxBytes, cancellationToken);
                return read is null ? (ContentDecodingStatus.TooLarge, null) : (ContentDecodingStatus.Decoded, read);
            }
            catch (Exception exception) when (exception is InvalidDataException or InvalidOperationException)
            {
                return (budget.IsExceeded ? ContentDecodingStatus.TooLarge : ContentDecodingStatus.Corrupt, null);
            }
        }
    }

    private static Func<Stream, Stream>? Decoder(string coding) => coding.ToUpperInvariant() switch
    {
        "GZIP" or "X-GZIP" => static stream => new GZipStream(stream, CompressionMode.Decompress),
        "DEFLATE" => static stream => new ZLibStream(stream, CompressionMode.Decompress),
        "BR" => static stream => new BrotliStream(stream, CompressionMode.Decompress),
        _ => null,
    };
}
