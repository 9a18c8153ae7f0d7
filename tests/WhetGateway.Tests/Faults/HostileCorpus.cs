using System.Globalization;
using System.Text;
using System.Text.Json;
using WhetGateway.Json;
using WhetGateway.Tests.Infrastructure;
using static WhetGateway.Tests.Faults.HostileExpectation;

namespace WhetGateway.Tests.Faults;

/// <summary>
/// The hostile-input corpus, the same on every run (fixed seed): broken and truncated JSON, nesting at every depth
/// around the limit and far past it, huge strings, keys of every JSON type, escapes and non-ASCII, duplicate fields,
/// wrong framing, compressed, stacked and oversize bodies, and key headers with odd quoting. The requests are
/// written for a REST route (<see cref="Path"/>) and sent to every kind of policy route. Every request has a key of
/// its own, so no case meets another's record.
/// </summary>
public static class HostileCorpus
{
    public const string Path = "/pipelines/from-intent";
    public const string KeyHeader = "Idempotency-Key";
    public const string Credential = "Bearer hostile";

    /// <summary>The policy's <c>MaxRequestBodyBytes</c> in the fixture.</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    private const int Seed = 20261127;
    private const int Mutations = 60;

    private static readonly byte[] NastyBytes = "\"\\{}[],: \0xé"u8.ToArray().Concat(new byte[] { 0xFF, 0xC3, 0x80, 0x7F, 0x0A }).ToArray();

    private static int s_keys;

    public static IReadOnlyDictionary<string, HostileCase> Cases { get; } = Build().ToDictionary(@case => @case.Name);

    public static IEnumerable<object[]> Names => Cases.Keys.Order(StringComparer.Ordinal).Select(name => new object[] { name });

    private static IEnumerable<HostileCase> Build() =>
        Truncations().Concat(Mutated()).Concat(Structures()).Concat(Depths()).Concat(Texts()).Concat(Framings()).Concat(Compressed()).Concat(HeaderKeys());

    /// <summary>A fresh valid key: printable ASCII, 24 characters.</summary>
    private static string NewKey() => $"hostile-key-{Interlocked.Increment(ref s_keys).ToString("D12", CultureInfo.InvariantCulture)}";

    private static string ValidBody(string key) => $$"""{"handle":"h","intent":"daily","idempotency_key":"{{key}}"}""";

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>A POST with a correct Content-Length unless the extra headers frame the body otherwise.</summary>
    private static byte[] Post(byte[] body, params string[] headers) => Raw(body, [$"Content-Length: {body.Length}", .. headers]);

    private static byte[] Raw(byte[] body, params string[] headers)
    {
        var head = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"POST {Path} HTTP/1.1\r\nHost: gateway\r\nAuthorization: {Credential}\r\n")
            .Append("Content-Type: application/json\r\nConnection: close\r\n");
        foreach (var header in headers)
        {
            head.Append(header).Append("\r\n");
        }

        return [.. Encoding.Latin1.GetBytes(head.Append("\r\n").ToString()), .. body];
    }

    private static byte[] Chunked(byte[] body, int chunkSize, string extension = "")
    {
        var framed = new MemoryStream();
        for (var offset = 0; offset < body.Length; offset += chunkSize)
        {
            var length = Math.Min(chunkSize, body.Length - offset);
            framed.Write(Encoding.ASCII.GetBytes($"{length:x}{extension}\r\n"));
            framed.Write(body, offset, length);
            framed.Write("\r\n"u8);
        }

        framed.Write("0\r\n\r\n"u8);
        return framed.ToArray();
    }

    private static HostileCase Case(string name, byte[] request, HostileExpectation expectation, bool halfClose = false) => new(name, request, expectation, halfClose);

    private static HostileCase Body(string name, string json, HostileExpectation expectation) => Case(name, Post(Utf8(json)), expectation);

    private static HostileCase Body(string name, byte[] body, HostileExpectation expectation) => Case(name, Post(body), expectation);

    /// <summary>Every proper prefix of a valid body: each starts as a JSON object and ends too soon.</summary>
    private static IEnumerable<HostileCase> Truncations()
    {
        var body = Utf8(ValidBody(NewKey()));
        for (var length = 1; length < body.Length; length++)
        {
            yield return Body($"json/truncated-at-{length:D3}", body[..length], KeyRefused);
        }
    }

    /// <summary>One byte of a valid body replaced by one that breaks things; an oracle says whether the key survived.</summary>
    private static IEnumerable<HostileCase> Mutated()
    {
        var random = new Random(Seed);
        for (var i = 0; i < Mutations; i++)
        {
            var body = Utf8(ValidBody(NewKey()));
            var position = random.Next(body.Length);
            body[position] = NastyBytes[random.Next(NastyBytes.Length)];
            yield return Body($"json/mutated-{i:D2}-at-{position:D2}-to-{body[position]:X2}", body, KeyOracle(body));
        }
    }

    /// <summary>
    /// Refused when the body starts as a JSON object but is not valid JSON, or holds a key field that is not exactly one
    /// string of 16–128 printable ASCII characters; otherwise there is nothing the gateway must refuse.
    /// </summary>
    private static HostileExpectation KeyOracle(byte[] body)
    {
        var start = body.AsSpan().IndexOfAnyExcept(" \t\r\n"u8);
        if (start < 0 || body[start] != (byte)'{')
        {
            return Answered;
        }

        try
        {
            using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 128 });
            DecodeEveryString(document.RootElement);
            var keys = document.RootElement.EnumerateObject().Where(member => member.NameEquals("idempotency_key")).ToList();
            return keys.Count switch
            {
                0 => Answered,
                1 when keys[0].Value.ValueKind == JsonValueKind.String && keys[0].Value.GetString() is { Length: >= 16 and <= 128 } key && key.All(c => c is >= ' ' and <= '~') => Answered,
                _ => KeyRefused,
            };
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            return KeyRefused;
        }
    }

    /// <summary>Throws on a string that is not valid UTF-8 or holds a lone surrogate escape, as the gateway refuses both.</summary>
    private static void DecodeEveryString(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var member in element.EnumerateObject())
                {
                    _ = member.Name;
                    DecodeEveryString(member.Value);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    DecodeEveryString(item);
                }

                break;
            case JsonValueKind.String:
                _ = element.GetString();
                break;
        }
    }

    private static IEnumerable<HostileCase> Structures()
    {
        yield return Body("structure/object-nested-10000-deep", $$"""{"idempotency_key":"{{NewKey()}}","x":{{string.Concat(Enumerable.Repeat("""{"a":""", 10_000))}}1{{new string('}', 10_001)}}""", Refused);
        yield return Body("structure/array-nested-10000-deep", new string('[', 10_000) + new string(']', 10_000), Refused);
        yield return Body("structure/string-of-900k", $$"""{"handle":"h","intent":"{{new string('i', 900_000)}}","idempotency_key":"{{NewKey()}}"}""", Answered);
        yield return Body("structure/key-of-200k", ValidBody(new string('k', 200_000)), KeyRefused);
        yield return Body("structure/trailing-garbage", ValidBody(NewKey()) + " x", KeyRefused);
        yield return Body("structure/two-objects", ValidBody(NewKey()) + ValidBody(NewKey()), KeyRefused);
        yield return Body("structure/comment", $$"""{/* c */"idempotency_key":"{{NewKey()}}"}""", KeyRefused);
        yield return Body("structure/single-quotes", $$"""{'idempotency_key':'{{NewKey()}}'}""", KeyRefused);
        yield return Body("structure/leading-whitespace", "\r\n\t " + ValidBody(NewKey()), Replayed);
        yield return Body("structure/byte-order-mark", [0xEF, 0xBB, 0xBF, .. Utf8(ValidBody(NewKey()))], Replayed);
        yield return Body("structure/empty", string.Empty, Answered);
        yield return Body("structure/null", "null", Answered);
        yield return Body("structure/key-only-nested", $$$"""{"intent":"daily","meta":{"idempotency_key":"{{{NewKey()}}}"}}""", Answered);
        var twice = NewKey();
        yield return Body("structure/duplicate-key-field", $$"""{"idempotency_key":"{{twice}}","idempotency_key":"{{twice}}"}""", KeyRefused);
        yield return Body("structure/duplicate-key-field-one-escaped", $$"""{"idempotency_key":"{{NewKey()}}","idempotency\u005fkey":"{{NewKey()}}"}""", KeyRefused);
        yield return Case("structure/form-encoded", Post(Utf8($"idempotency_key={NewKey()}&intent=daily"), "X-Note: form"), Answered);
        foreach (var (name, value) in new[]
        {
            ("null", "null"), ("true", "true"), ("false", "false"), ("integer", "12345678901234567890"), ("float", "-1.5e300"),
            ("object", "{}"), ("array", "[]"), ("array-of-key", $"[\"{NewKey()}\"]"), ("object-of-key", $$"""{"k":"{{NewKey()}}"}"""), ("empty-string", "\"\""),
        })
        {
            yield return Body($"key-type/{name}", $$"""{"intent":"daily","idempotency_key":{{value}}}""", KeyRefused);
        }
    }

    /// <summary>
    /// Bodies nested around the gateway's one JSON depth limit, up to the 128 its key reader once allowed (where the
    /// response cache's parser, at 64, failed with a 500): read up to the limit, refused past it, on every route. As
    /// REST bodies at every depth, and as MCP tool calls whose arguments nest as deep at a few.
    /// </summary>
    private static IEnumerable<HostileCase> Depths()
    {
        static HostileExpectation At(int depth) => depth <= JsonLimits.MaxDepth ? Answered : Refused;

        for (var depth = JsonLimits.MaxDepth - 1; depth <= 129; depth++)
        {
            // The body's object, then arrays.
            var arrays = depth - 1;
            yield return Body($"depth/rest-body-nested-{depth:D3}-deep",
                $$"""{"handle":"h","intent":"daily","idempotency_key":"{{NewKey()}}","x":{{new string('[', arrays)}}{{new string(']', arrays)}}}""", At(depth));
        }

        foreach (var depth in new[] { JsonLimits.MaxDepth - 1, JsonLimits.MaxDepth, JsonLimits.MaxDepth + 1, 70, 100, 127, 128 })
        {
            // The message, its params and the arguments, then arrays.
            var arrays = depth - 3;
            yield return Body($"depth/mcp-tool-call-nested-{depth:D3}-deep",
                $$"""{"jsonrpc":"2.0","id":{{depth}},"method":"tools/call","params":{"name":"create_pipeline","arguments":{"handle":"h","intent":"daily","idempotency_key":"{{NewKey()}}","x":{{new string('[', arrays)}}{{new string(']', arrays)}}""" + "}}}",
                At(depth));
        }
    }

    private static IEnumerable<HostileCase> Texts()
    {
        var escaped = string.Concat(NewKey().Select(c => $"\\u{(int)c:x4}"));
        yield return Body("text/key-all-unicode-escapes", $$"""{"intent":"daily","idempotency_key":"{{escaped}}"}""", Answered);
        yield return Body("text/key-field-name-escaped", $$"""{"intent":"daily","idempotency\u005fkey":"{{NewKey()}}"}""", Answered);
        yield return Body("text/key-escaped-e-acute", ValidBody(NewKey() + "\\u00e9"), KeyRefused);
        yield return Body("text/key-raw-e-acute", ValidBody(NewKey() + "é"), KeyRefused);
        yield return Body("text/key-lone-surrogate", ValidBody(NewKey() + "\\ud800"), KeyRefused);
        yield return Body("text/key-escaped-nul", ValidBody(NewKey() + "\\u0000"), KeyRefused);
        yield return Body("text/key-tab", ValidBody(NewKey() + "\\t"), KeyRefused);
        yield return Body("text/key-delete", [.. Utf8(ValidBody(NewKey())[..^2]), 0x7F, .. "\"}"u8.ToArray()], KeyRefused);
        yield return Body("text/key-overlong-utf8", [.. Utf8(ValidBody(NewKey())[..^2]), 0xC0, 0xAF, .. "\"}"u8.ToArray()], KeyRefused);
        yield return Body("text/other-field-invalid-utf8", [.. "{\"intent\":\""u8, 0xFF, 0xFE, .. Utf8($"\",\"idempotency_key\":\"{NewKey()}\"}}")], KeyRefused);
        yield return Body("text/other-field-emoji-and-cjk", $$"""{"handle":"h","intent":"日報 📈 \ud83d\ude00","idempotency_key":"{{NewKey()}}"}""", Answered);
        yield return Body("text/key-with-spaces-inside", ValidBody("  spaced key inside  "), Answered);
    }

    private static IEnumerable<HostileCase> Framings()
    {
        var body = Utf8(ValidBody(NewKey()));
        yield return Case("framing/content-length-longer-than-body", Raw(body, $"Content-Length: {body.Length + 50}"), Refused, halfClose: true);
        var cut = Utf8(ValidBody(NewKey()));
        yield return Case("framing/content-length-shorter-than-body", Raw(cut, $"Content-Length: {cut.Length - 10}"), KeyRefused);
        yield return Case("framing/no-content-length", Raw(Utf8(ValidBody(NewKey()))), Answered);
        yield return Case("framing/chunked-in-threes", Raw(Chunked(Utf8(ValidBody(NewKey())), 3), "Transfer-Encoding: chunked"), Replayed);
        yield return Case("framing/chunked-with-extensions", Raw(Chunked(Utf8(ValidBody(NewKey())), 7, ";ext=\"1\""), "Transfer-Encoding: chunked"), Replayed);
        yield return Case("framing/chunked-bad-size", Raw([.. "zz\r\n"u8, .. Utf8(ValidBody(NewKey())), .. "\r\n0\r\n\r\n"u8], "Transfer-Encoding: chunked"), Refused);
        var unterminated = Chunked(Utf8(ValidBody(NewKey())), 10);
        yield return Case("framing/chunked-without-last-chunk", Raw(unterminated[..^5], "Transfer-Encoding: chunked"), Refused, halfClose: true);
        var both = Utf8(ValidBody(NewKey()));
        yield return Case("framing/chunked-and-content-length", Raw(Chunked(both, 5), "Transfer-Encoding: chunked", $"Content-Length: {both.Length}"), Answered);
        yield return Case("framing/gzip-transfer-coding", Raw(Chunked(Utf8(ValidBody(NewKey())), 16), "Transfer-Encoding: gzip, chunked"), Answered);
        yield return Case("framing/content-length-negative", Raw(Utf8(ValidBody(NewKey())), "Content-Length: -1"), Refused);
        yield return Case("framing/content-length-not-a-number", Raw(Utf8(ValidBody(NewKey())), "Content-Length: abc"), Refused);
        yield return Case("framing/content-length-overflows", Raw(Utf8(ValidBody(NewKey())), "Content-Length: 99999999999999999999"), Refused);
        var twice = Utf8(ValidBody(NewKey()));
        yield return Case("framing/content-length-twice-differing", Raw(twice, $"Content-Length: {twice.Length}", $"Content-Length: {twice.Length + 1}"), Refused);
        var oversize = Utf8(ValidBody(NewKey()).Replace("daily", new string('d', MaxBodyBytes + 1000), StringComparison.Ordinal));
        yield return Body("framing/oversize-with-length", oversize, Refused);
        yield return Case("framing/oversize-chunked", Raw(Chunked(oversize, 64 * 1024), "Transfer-Encoding: chunked"), Refused);
        yield return Case("framing/expect-100-continue", Post(Utf8(ValidBody(NewKey())), "Expect: 100-continue"), Replayed);
    }

    /// <summary>Compressed bodies: the gateway reads the key inside, within the same size cap, and refuses what it cannot decode.</summary>
    private static IEnumerable<HostileCase> Compressed()
    {
        yield return Case("encoding/gzip-body", Post(Compression.Gzip(Utf8(ValidBody(NewKey()))), "Content-Encoding: gzip"), Answered);
        yield return Case("encoding/gzip-body-with-invalid-key", Post(Compression.Gzip(Utf8(ValidBody("short"))), "Content-Encoding: gzip"), KeyRefused);
        yield return Case("encoding/gzip-body-with-broken-json", Post(Compression.Gzip(Utf8(ValidBody(NewKey())[..^3])), "Content-Encoding: gzip"), KeyRefused);
        yield return Case("encoding/gzip-then-brotli-body-with-invalid-key", Post(Compression.Brotli(Compression.Gzip(Utf8(ValidBody("short")))), "Content-Encoding: gzip, br"), KeyRefused);
        yield return Case("encoding/gzip-corrupt", Post([0x1F, 0x8B, 0x08, 0, 1, 2, 3, 4, 5, 6, 7], "Content-Encoding: gzip"), Refused);
        yield return Case("encoding/gzip-bomb", Post(Compression.Gzip(new byte[20 * MaxBodyBytes]), "Content-Encoding: gzip"), Refused);
        yield return Case("encoding/unknown-coding", Post(Utf8(ValidBody(NewKey())), "Content-Encoding: zstd"), Refused);
        yield return Case("encoding/identity", Post(Utf8(ValidBody(NewKey())), "Content-Encoding: identity"), Replayed);
        yield return Case("encoding/gzip-twice", Post(Compression.Gzip(Compression.Gzip(Utf8(ValidBody(NewKey())))), "Content-Encoding: gzip, gzip"), Answered);
        yield return Case("encoding/gzip-three-times", Post(Compression.Gzip(Compression.Gzip(Compression.Gzip(Utf8(ValidBody(NewKey()))))), "Content-Encoding: gzip, gzip, gzip"), Refused);
        yield return Case("encoding/gzip-three-times-in-three-headers", Post(Compression.Gzip(Compression.Gzip(Compression.Gzip(Utf8(ValidBody(NewKey()))))), "Content-Encoding: gzip", "Content-Encoding: gzip", "Content-Encoding: gzip"), Refused);
        yield return Case("encoding/identity-three-times", Post(Utf8(ValidBody(NewKey())), "Content-Encoding: identity, identity, identity"), Refused);
        yield return Case("encoding/gzip-layers-over-the-cap-together", Post(Compression.GzipStoredLayers(Utf8(ValidBody(NewKey()).Replace("daily", new string('d', (MaxBodyBytes / 2) + 1000), StringComparison.Ordinal)), 2), "Content-Encoding: gzip, gzip"), Refused);
    }

    private static IEnumerable<HostileCase> HeaderKeys()
    {
        var body = Utf8("""{"handle":"h","intent":"daily"}""");
        HostileCase Header(string name, HostileExpectation expectation, params string[] headers) => Case($"header/{name}", Post(body, headers), expectation);

        yield return Header("bare", Replayed, $"{KeyHeader}: {NewKey()}");
        yield return Header("quoted", Replayed, $"{KeyHeader}: \"{NewKey()}\"");
        yield return Header("lower-case-name", Replayed, $"{KeyHeader.ToLowerInvariant()}: {NewKey()}");
        yield return Header("quoted-with-escaped-quote", Answered, $"{KeyHeader}: \"{NewKey()}\\\"x\"");
        yield return Header("unterminated-quote", Answered, $"{KeyHeader}: \"{NewKey()}");
        yield return Header("quoted-with-bad-escape", KeyRefused, $"{KeyHeader}: \"{NewKey()}\\x\"");
        yield return Header("quoted-with-bare-quote-inside", KeyRefused, $"{KeyHeader}: \"{NewKey()}\"x\"");
        yield return Header("empty-quotes", KeyRefused, $"{KeyHeader}: \"\"");
        yield return Header("empty", KeyRefused, $"{KeyHeader}: ");
        yield return Header("only-spaces", KeyRefused, $"{KeyHeader}:    ");
        yield return Header("given-twice", KeyRefused, $"{KeyHeader}: {NewKey()}", $"{KeyHeader}: {NewKey()}");
        yield return Header("too-long", KeyRefused, $"{KeyHeader}: {new string('k', 8000)}");
        yield return Header("utf8-bytes", KeyRefused, $"{KeyHeader}: {Encoding.Latin1.GetString(Utf8(NewKey() + "é"))}");
        yield return Header("latin1-byte", KeyRefused, $"{KeyHeader}: {NewKey()}\u00e9");
        yield return Header("control-character", KeyRefused, $"{KeyHeader}: {NewKey()}\u0001");
        yield return Case("header/disagrees-with-body", Post(Utf8(ValidBody(NewKey())), $"{KeyHeader}: {NewKey()}"), KeyRefused);
        yield return Case("header/key-in-header-form-body", Raw(Utf8("a=1"), "Content-Length: 3", $"{KeyHeader}: {NewKey()}"), Answered);
    }
}
