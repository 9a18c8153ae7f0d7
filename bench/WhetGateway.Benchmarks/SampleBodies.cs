using System.Globalization;
using System.Text;

namespace WhetGateway.Benchmarks;

/// <summary>
/// Request and response bodies of an exact size, shaped like the Agent API's: a keyed JSON object with nested
/// objects, arrays, numbers and strings (some escaped, some not ASCII), its members in no particular order.
/// </summary>
internal static class SampleBodies
{
    public const string Key = "0f6d3c9e8b2a47d1a5e4c3b2a1908f7e";

    /// <summary>A JSON object of exactly <paramref name="size"/> UTF-8 bytes that carries <see cref="Key"/>.</summary>
    public static byte[] Json(int size)
    {
        const string head = "{\"handle\":\"growth_dr\",\"intent\":\"Track \\\"analytical\\\" drafts, daily.\\n\",\"items\":[";
        const string tail = "],\"idempotency_key\":\"" + Key + "\",\"note\":\"";
        var json = new StringBuilder(head);
        for (var i = 0; Encoding.UTF8.GetByteCount(json.ToString()) + 160 + tail.Length < size; i++)
        {
            json.Append(i == 0 ? string.Empty : ",").Append(CultureInfo.InvariantCulture,
                $"{{\"sku\":\"SKU-{i:D6}\",\"qty\":{i % 7},\"price\":{i * 1.25:F2},\"tags\":[\"café\",\"b\\u00e9\"],\"meta\":{{\"z\":null,\"a\":true}}}}");
        }

        json.Append(tail);
        var padding = size - Encoding.UTF8.GetByteCount(json.ToString()) - 2;
        json.Append('x', padding).Append("\"}");
        var bytes = Encoding.UTF8.GetBytes(json.ToString());
        return bytes.Length == size ? bytes : throw new InvalidOperationException($"Built {bytes.Length} bytes instead of {size}.");
    }
}
