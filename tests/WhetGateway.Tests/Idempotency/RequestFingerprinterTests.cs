using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using WhetGateway.Configuration;
using WhetGateway.Idempotency;
using WhetGateway.Idempotency.Fingerprinting;
using WhetGateway.Idempotency.Keys;
using WhetGateway.Storage;

namespace WhetGateway.Tests.Idempotency;

public sealed class RequestFingerprinterTests
{
    private const string KeyField = "idempotency_key";

    [Fact]
    public void Member_order_and_whitespace_do_not_change_the_fingerprint()
    {
        Assert.Equal(
            OfJson("""{"amount":100,"currency":"eur","tags":["a","b"]}"""),
            OfJson(" {\r\n  \"tags\" : [ \"a\" , \"b\" ],\n\t\"currency\" : \"eur\" , \"amount\" : 100 }\n"));
    }

    [Fact]
    public void The_key_fields_value_does_not_change_the_fingerprint()
    {
        Assert.Equal(
            OfJson("""{"idempotency_key":"order-0123456789abcdef","amount":100}"""),
            OfJson("""{"amount":100,"idempotency_key":"order-fedcba9876543210"}"""));
    }

    [Fact]
    public void A_different_value_changes_the_fingerprint()
    {
        Assert.NotEqual(OfJson("""{"amount":100}"""), OfJson("""{"amount":101}"""));
    }

    [Fact]
    public void Nested_member_order_does_not_change_the_fingerprint()
    {
        Assert.Equal(
            OfJson("""{"customer":{"id":7,"address":{"city":"Lyon","zip":"69001"}}}"""),
            OfJson("""{"customer":{"address":{"zip":"69001","city":"Lyon"},"id":7}}"""));
    }

    [Fact]
    public void A_nested_field_named_like_the_key_field_is_part_of_the_fingerprint()
    {
        Assert.NotEqual(
            OfJson("""{"inner":{"idempotency_key":"a"}}"""),
            OfJson("""{"inner":{"idempotency_key":"b"}}"""));
    }

    [Fact]
    public void Equivalent_string_escapes_do_not_change_the_fingerprint()
    {
        Assert.Equal(OfJson("""{"name":"Ab\u00e9/"}"""), OfJson("{\"n\\u0061me\":\"\\u0041b\u00e9\\/\"}"));
    }

    [Fact]
    public void A_different_query_string_changes_the_fingerprint()
    {
        const string body = """{"amount":100}""";

        Assert.NotEqual(OfJson(body, "?dry_run=true"), OfJson(body, "?dry_run=false"));
    }

    [Fact]
    public void A_number_keeps_its_literal_text_so_one_and_one_point_zero_differ()
    {
        Assert.NotEqual(OfJson("""{"amount":1}"""), OfJson("""{"amount":1.0}"""));
    }

    /// <summary>
    /// Pins the canonical form itself: members in <see cref="StringComparer.Ordinal"/> order of their names (UTF-16
    /// code units, so a surrogate pair sorts before U+E000), duplicates in document order, the key field gone,
    /// strings re-escaped as Utf8JsonWriter escapes them with UnsafeRelaxedJsonEscaping, numbers as written.
    /// </summary>
    [Fact]
    public void The_canonical_form_is_hashed_after_the_query_string()
    {
        const string body = """
            { "idempotency_key":"order-0123456789abcdef", "\uE000":1, "\ud83d\ude00":"\u2028<&>\"\\\/\u0001\t é\u00e9",
              "b":[1.0, true, null, 1E+2], "a":{"y":1,"x":2}, "a":0, "\u0061b":"", "A":-0 }
            """;
        const string canonical = """{"A":-0,"a":{"x":2,"y":1},"a":0,"ab":"","b":[1.0,true,null,1E+2],"\uD83D\uDE00":"\u2028<&>\"\\/\u0001\t éé","\uE000":1}""";

        Assert.Equal(Fingerprint.Read(SHA256.HashData(Encoding.UTF8.GetBytes("?q=1\0" + canonical))), OfJson(body, "?q=1"));
    }

    /// <summary>
    /// The fingerprints records already stored under were computed this way: a faster fingerprinter must give every
    /// body of the corpus the same digest, or a retry after an upgrade would be refused as another request.
    /// </summary>
    [Theory]
    [InlineData("escapes", "615ac8d4b6782af4f74f5543f20c1ffd9a56fd01672793f1b7167742ed7012ec")]
    [InlineData("names", "32ccf64730ec96308640d2283fe59fa503eed32dbfbdb2b6c5f0beaa31b6a5ae")]
    [InlineData("key-field", "06b0b1051f06a15dc26fa059d5bd3ab65139fa5dfa555d4d963385aaa02fc9de")]
    [InlineData("numbers", "8b6eaa7e4042ae724f03af9b3a380e5c1255e1756e04ac806ff9f59f4f6a1441")]
    [InlineData("whitespace", "1f0531e0ce1f73f1db384e0077ca46df8c69376db84137f08aafb79beeb8bc9c")]
    [InlineData("deep", "273f2dd7a4f659ed8406a38f193dcab2795f9304a8bcdc14aafcc34e8508dcc7")]
    [InlineData("many-members", "bafa855819907fe854709948b88f4112e0a2b38581d8a684a3ac5dd93d168b90")]
    [InlineData("long-names", "85904bef662513464ae251ca9f9d9ec0cb561e22b8a54e8249f5d2a85bb7819b")]
    [InlineData("long-string", "cda46b7fc237d71ca6a09478f4c329c9cbf9923aa6f37bb6e17ee482e9a6334c")]
    [InlineData("agent-api-1k", "270d679cdbe113b0243f152ee801ddff4191de77bea17c37fee67848c528bc02")]
    [InlineData("agent-api-64k", "9f842075d41efc031bb66ef64658a007fdf99c1543cbcea36a225ad986ef7604")]
    public void A_fingerprint_keeps_the_value_stored_records_were_written_with(string body, string digest)
    {
        var bytes = Encoding.UTF8.GetBytes(FingerprintCorpus.Bodies[body]);
        var key = IdempotencyKeyReader.Read(bytes, new HeaderDictionary(), new IdempotencyPolicy("p", new IdempotencyPolicyOptions()));
        Span<byte> actual = stackalloc byte[Fingerprint.Size];

        RequestFingerprinter.Compute(bytes, key.BodyIsJsonObject, KeyField, "?q=1").Write(actual);

        Assert.Equal(KeyReadStatus.Valid, key.Status);
        Assert.Equal(digest, Convert.ToHexStringLower(actual));
    }

    [Fact]
    public void Fingerprinting_a_large_body_allocates_nothing()
    {
        var bytes = Encoding.UTF8.GetBytes(FingerprintCorpus.Bodies["agent-api-64k"]);
        RequestFingerprinter.Compute(bytes, bodyIsJsonObject: true, KeyField, "?q=1");

        var before = GC.GetAllocatedBytesForCurrentThread();
        RequestFingerprinter.Compute(bytes, bodyIsJsonObject: true, KeyField, "?q=1");

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void A_non_json_body_is_fingerprinted_byte_for_byte()
    {
        Assert.Equal(OfBytes("amount=100&currency=eur"), OfBytes("amount=100&currency=eur"));
        Assert.NotEqual(OfBytes("amount=100&currency=eur"), OfBytes("amount=100&currency=euR"));
        Assert.NotEqual(OfBytes("amount=100&currency=eur"), OfBytes("currency=eur&amount=100"));
    }

    /// <summary>
    /// Whatever the key reader lets through as a keyed JSON object, the fingerprinter must hash, or the gateway
    /// answers 500 to a request it never refused. Utf8JsonReader does not check the text of strings it skips,
    /// while the canonical form decodes every string.
    /// </summary>
    [Theory]
    [InlineData("{\"idempotency_key\":\"order-0123456789abcdef\",\"note\":\"\\ud800\"}")]
    [InlineData("{\"idempotency_key\":\"order-0123456789abcdef\",\"\\udc00\":1}")]
    public void A_body_the_key_reader_accepts_can_be_fingerprinted(string body) =>
        AssertAcceptedBodyCanBeFingerprinted(Encoding.UTF8.GetBytes(body));

    [Fact]
    public void A_body_with_invalid_utf8_the_key_reader_accepts_can_be_fingerprinted()
    {
        var body = Encoding.UTF8.GetBytes("{\"idempotency_key\":\"order-0123456789abcdef\",\"note\":\"xx\"}");
        body[^3] = 0xFF;

        AssertAcceptedBodyCanBeFingerprinted(body);
    }

    private static void AssertAcceptedBodyCanBeFingerprinted(byte[] body)
    {
        var policy = new IdempotencyPolicy("p", new IdempotencyPolicyOptions());
        var key = IdempotencyKeyReader.Read(body, new HeaderDictionary(), policy);

        var exception = Record.Exception(() => RequestFingerprinter.Compute(body, key.BodyIsJsonObject, KeyField, string.Empty));

        Assert.Null(exception);
    }

    private static Fingerprint OfJson(string json, string queryString = "") =>
        RequestFingerprinter.Compute(Encoding.UTF8.GetBytes(json), bodyIsJsonObject: true, KeyField, queryString);

    private static Fingerprint OfBytes(string body) =>
        RequestFingerprinter.Compute(Encoding.UTF8.GetBytes(body), bodyIsJsonObject: false, KeyField, string.Empty);
}
