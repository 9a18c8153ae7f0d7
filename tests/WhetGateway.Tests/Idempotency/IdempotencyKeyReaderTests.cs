using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using WhetGateway.Configuration;
using WhetGateway.Idempotency;
using WhetGateway.Idempotency.Keys;

namespace WhetGateway.Tests.Idempotency;

public sealed class IdempotencyKeyReaderTests
{
    private const string KeyField = "idempotency_key";
    private const string KeyHeader = "Idempotency-Key";
    private const string ValidKey = "order-0123456789abcdef";
    private const string OtherValidKey = "order-fedcba9876543210";

    [Theory]
    [InlineData(15, false)]
    [InlineData(16, true)]
    [InlineData(128, true)]
    [InlineData(129, false)]
    public void Key_length_must_be_within_the_policy_bounds(int length, bool valid)
    {
        var key = new string('k', length);

        var result = ReadBody(BodyWithKey(key));

        Assert.Equal(valid ? KeyReadStatus.Valid : KeyReadStatus.Invalid, result.Status);
        Assert.Equal(valid ? key : null, result.Key);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("1234567890123456789")]
    [InlineData("{\"value\":\"order-0123456789abcdef\"}")]
    [InlineData("[\"order-0123456789abcdef\"]")]
    [InlineData("true")]
    public void A_key_that_is_not_a_string_is_invalid(string rawValue)
    {
        var result = ReadBody($$"""{"{{KeyField}}":{{rawValue}},"amount":1}""");

        Assert.Equal(KeyReadStatus.Invalid, result.Status);
        Assert.Equal(KeyField, result.Param);
    }

    [Theory]
    [InlineData(@"order-0123456789\u0001abcdef")]
    [InlineData(@"order-0123456789\u00e9abcdef")]
    [InlineData("order-0123456789\u00e9abcdef")]
    public void A_key_with_a_character_outside_printable_ascii_is_invalid(string jsonStringContent)
    {
        var result = ReadBody($$"""{"{{KeyField}}":"{{jsonStringContent}}"}""");

        Assert.Equal(KeyReadStatus.Invalid, result.Status);
        Assert.Equal(KeyField, result.Param);
    }

    [Fact]
    public void An_escaped_ascii_key_is_valid_and_read_unescaped()
    {
        var result = ReadBody($$"""{"{{KeyField}}":"\u0041\u0042order-0123456789"}""");

        Assert.Equal(KeyReadStatus.Valid, result.Status);
        Assert.Equal("ABorder-0123456789", result.Key);
    }

    [Fact]
    public void A_key_field_given_twice_is_invalid()
    {
        var result = ReadBody($$"""{"{{KeyField}}":"{{ValidKey}}","{{KeyField}}":"{{ValidKey}}"}""");

        Assert.Equal(KeyReadStatus.Invalid, result.Status);
        Assert.Equal(KeyField, result.Param);
    }

    [Fact]
    public void A_key_field_nested_below_the_top_level_is_absent()
    {
        var result = ReadBody($$$"""{"payment":{"{{{KeyField}}}":"{{{ValidKey}}}"}}""");

        Assert.Equal(KeyReadStatus.Absent, result.Status);
        Assert.True(result.BodyIsJsonObject);
    }

    [Theory]
    [InlineData("{")]
    [InlineData("{\"idempotency_key\":\"order-0123456789abcdef")]
    [InlineData("{\"idempotency_key\":\"order-0123456789abcdef\",")]
    [InlineData("{\"amount\":}")]
    [InlineData("{\"amount\":1,}")]
    [InlineData("{'idempotency_key':'order-0123456789abcdef'}")]
    public void A_malformed_or_truncated_object_is_a_malformed_body(string body)
    {
        Assert.Equal(KeyReadStatus.MalformedBody, ReadBody(body).Status);
    }

    [Theory]
    [InlineData(" x")]
    [InlineData("{}")]
    [InlineData(",")]
    public void Trailing_garbage_after_the_object_is_a_malformed_body(string trailer)
    {
        Assert.Equal(KeyReadStatus.MalformedBody, ReadBody(BodyWithKey(ValidKey) + trailer).Status);
    }

    [Fact]
    public void Nesting_ten_thousand_deep_is_a_malformed_body()
    {
        const int depth = 10_000;
        var body = $$"""{"{{KeyField}}":"{{ValidKey}}","deep":""" + string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth + 1);

        Assert.Equal(KeyReadStatus.MalformedBody, ReadBody(body).Status);
    }

    [Theory]
    [InlineData("[1]")]
    [InlineData("\"order-0123456789abcdef\"")]
    [InlineData("idempotency_key=order-0123456789abcdef&amount=1")]
    [InlineData("")]
    [InlineData("  \r\n")]
    public void A_body_that_is_not_a_json_object_has_no_key(string body)
    {
        var result = ReadBody(body);

        Assert.Equal(KeyReadStatus.Absent, result.Status);
        Assert.False(result.BodyIsJsonObject);
    }

    [Theory]
    [InlineData(ValidKey)]
    [InlineData("\"" + ValidKey + "\"")]
    [InlineData("  " + ValidKey + " ")]
    public void A_header_key_bare_or_quoted_is_valid(string headerValue)
    {
        var result = Read("{\"amount\":1}", HeaderKeyPolicy(), new HeaderDictionary { [KeyHeader] = headerValue });

        Assert.Equal(KeyReadStatus.Valid, result.Status);
        Assert.Equal(ValidKey, result.Key);
    }

    [Fact]
    public void A_quoted_header_key_has_its_escapes_removed()
    {
        var result = Read("{}", HeaderKeyPolicy(), new HeaderDictionary { [KeyHeader] = "\"order-\\\"01234\\\\56789\"" });

        Assert.Equal(KeyReadStatus.Valid, result.Status);
        Assert.Equal("order-\"01234\\56789", result.Key);
    }

    [Fact]
    public void Different_keys_in_header_and_body_are_invalid()
    {
        var result = Read(BodyWithKey(ValidKey), HeaderKeyPolicy(), new HeaderDictionary { [KeyHeader] = OtherValidKey });

        Assert.Equal(KeyReadStatus.Invalid, result.Status);
    }

    [Fact]
    public void A_key_header_given_twice_is_invalid()
    {
        var headers = new HeaderDictionary { [KeyHeader] = new StringValues([ValidKey, ValidKey]) };

        var result = Read("{}", HeaderKeyPolicy(), headers);

        Assert.Equal(KeyReadStatus.Invalid, result.Status);
        Assert.Equal(KeyHeader, result.Param);
    }

    [Fact]
    public void The_same_key_in_header_and_body_is_valid()
    {
        var result = Read(BodyWithKey(ValidKey), HeaderKeyPolicy(), new HeaderDictionary { [KeyHeader] = ValidKey });

        Assert.Equal(KeyReadStatus.Valid, result.Status);
        Assert.Equal(ValidKey, result.Key);
    }

    private static string BodyWithKey(string key) => $$$"""{"amount":1,"{{{KeyField}}}":"{{{key}}}","note":{"x":[1,2]}}""";

    private static IdempotencyPolicy BodyOnlyPolicy() => new("p", new IdempotencyPolicyOptions());

    private static IdempotencyPolicy HeaderKeyPolicy() => new("p", new IdempotencyPolicyOptions { KeyHeader = KeyHeader });

    private static KeyReadResult ReadBody(string body) => Read(body, BodyOnlyPolicy(), new HeaderDictionary());

    private static KeyReadResult Read(string body, IdempotencyPolicy policy, IHeaderDictionary headers) =>
        IdempotencyKeyReader.Read(Encoding.UTF8.GetBytes(body), headers, policy);
}
