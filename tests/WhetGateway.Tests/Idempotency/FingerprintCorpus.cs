using System.Globalization;
using System.Text;

namespace WhetGateway.Tests.Idempotency;

/// <summary>
/// Keyed JSON bodies that exercise every path of the canonical form: escapes of each kind, names that sort
/// differently as UTF-8 and as UTF-16, duplicate and escaped key fields, deep nesting, objects and names too large
/// for stack buffers, long strings, numbers in every notation. Built the same way on every run, so their
/// fingerprints can be pinned.
/// </summary>
internal static class FingerprintCorpus
{
    public static readonly IReadOnlyDictionary<string, string> Bodies = new Dictionary<string, string>
    {
        ["escapes"] = """
            {"idempotency_key":"order-0123456789abcdef","s":"\"\\\/\b\f\n\r\t\u0000\u001f\u007f\u00e9\u2028\u2029\ud83d\ude00 😀 \uE000 \uFFFD <>&'+`=%","t":"plain ascii text","u":"\u0041\u0042"}
            """,
        ["names"] = "{\"idempotency_key\":\"order-0123456789abcdef\",\"\\uE000\":1,\"\\ud83d\\ude00\":2,\"\uFFFF\":3,\"a\\u0000\":4,\"ab\":5,\"a\":6,\"\":7,\"é\":8,\"e\\u0301\":9,\"A\":10,\"a\":11,\"\\u0061\":12}",
        ["key-field"] = """
            { "idempotency\u005fkey" : "order-0123456789abcdef", "idempotency_keys": 1, "inner": { "idempotency_key": "kept" }, "list": [ { "idempotency_key": "also kept" } ] }
            """,
        ["numbers"] = """{"idempotency_key":"order-0123456789abcdef","n":[-0,0,1,-1,1.0,1e5,1E+2,0.1e-3,-12.5E-7,123456789012345678901234567890,3.141592653589793238]}""",
        ["whitespace"] = " \r\n\t{ \"idempotency_key\" :\t\"order-0123456789abcdef\" ,\r\n \"b\" : [ 1 , { } , [ ] , \"x\" ] ,\n \"a\" : { \"y\" : null , \"x\" : true , \"w\" : false } }\n\t ",
        ["deep"] = Deep(60),
        ["many-members"] = ManyMembers(300),
        ["long-names"] = LongNames(),
        ["long-string"] = LongString(70_000),
        ["agent-api-1k"] = AgentApi(1024),
        ["agent-api-64k"] = AgentApi(65536),
    };

    private static string Deep(int depth)
    {
        var json = new StringBuilder("{\"idempotency_key\":\"order-0123456789abcdef\",\"d\":");
        for (var level = 0; level < depth; level++)
        {
            json.Append(level % 2 == 0 ? "{\"z\":0,\"k\":" : "[1,");
        }

        json.Append("\"bottom\"");
        for (var level = depth - 1; level >= 0; level--)
        {
            json.Append(level % 2 == 0 ? ",\"a\":1}" : ",2]");
        }

        return json.Append('}').ToString();
    }

    private static string ManyMembers(int count)
    {
        var random = new Random(12);
        var json = new StringBuilder("{\"idempotency_key\":\"order-0123456789abcdef\"");
        for (var i = 0; i < count; i++)
        {
            var name = $"m{random.Next(count / 2):D3}";
            var value = random.Next(4) switch
            {
                0 => $"{i}",
                1 => $"\"v\\u00{random.Next(0x20, 0x7f):x2}{i}\"",
                2 => $"{{\"q\":{i},\"p\":[{i},\"{name}\"]}}",
                _ => "null",
            };
            json.Append(",\"").Append(random.Next(5) == 0 ? "\\u006d" + name[1..] : name).Append("\":").Append(value);
        }

        return json.Append('}').ToString();
    }

    private static string LongNames()
    {
        var json = new StringBuilder("{\"idempotency_key\":\"order-0123456789abcdef\"");
        foreach (var letter in "zyxwvutsrqponmlkjihgfedcba")
        {
            json.Append(",\"").Append(letter, 40).Append("\\u00e9").Append(letter, 2).Append("\":\"").Append(letter).Append("\",\"").Append(letter, 40).Append("\":1");
        }

        return json.Append('}').ToString();
    }

    private static string LongString(int length)
    {
        var text = new StringBuilder();
        for (var i = 0; text.Length < length; i++)
        {
            text.Append(i % 3 == 0 ? "\\u2028\\ud83d\\ude00" : "abc\\n\u00e9\u4e2d");
        }

        return $"{{\"idempotency_key\":\"order-0123456789abcdef\",\"text\":\"{text}\",\"tail\":[\"{text}\"]}}";
    }

    private static string AgentApi(int size)
    {
        var json = new StringBuilder("{\"handle\":\"growth_dr\",\"intent\":\"Track \\\"analytical\\\" drafts.\\n\",\"items\":[");
        for (var i = 0; Encoding.UTF8.GetByteCount(json.ToString()) + 200 < size; i++)
        {
            json.Append(i == 0 ? string.Empty : ",").Append(CultureInfo.InvariantCulture,
                $"{{\"sku\":\"SKU-{i:D6}\",\"qty\":{i % 7},\"price\":{i * 1.25:F2},\"tags\":[\"café\",\"b\\u00e9\"],\"meta\":{{\"z\":null,\"a\":true}}}}");
        }

        return json.Append("],\"idempotency_key\":\"order-0123456789abcdef\",\"note\":\"end\"}").ToString();
    }
}
