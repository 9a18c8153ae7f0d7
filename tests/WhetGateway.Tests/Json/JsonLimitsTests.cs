using System.Text;
using System.Text.Json;
using WhetGateway.Json;

namespace WhetGateway.Tests.Json;

public sealed class JsonLimitsTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(JsonLimits.MaxDepth - 1)]
    [InlineData(JsonLimits.MaxDepth)]
    public void A_body_nested_up_to_the_limit_is_not_too_deep_and_every_parser_reads_it(int depth)
    {
        var json = Nested(depth);

        Assert.False(JsonLimits.IsTooDeep(json));
        using var document = JsonDocument.Parse(json, JsonLimits.DocumentOptions);
        var reader = new Utf8JsonReader(json, JsonLimits.ReaderOptions);
        while (reader.Read())
        {
        }
    }

    [Theory]
    [InlineData(JsonLimits.MaxDepth + 1)]
    [InlineData(70)]
    [InlineData(127)]
    [InlineData(128)]
    [InlineData(10_000)]
    public void A_body_nested_past_the_limit_is_too_deep(int depth)
    {
        Assert.True(JsonLimits.IsTooDeep(Nested(depth)));
    }

    [Fact]
    public void Too_deep_is_found_before_the_end_of_a_body_that_is_never_closed()
    {
        Assert.True(JsonLimits.IsTooDeep(Encoding.UTF8.GetBytes(new string('[', JsonLimits.MaxDepth + 1))));
    }

    [Theory]
    [InlineData("idempotency_key=abc&intent=daily")]
    [InlineData("")]
    [InlineData("{\"a\":x[[[[[[")]
    [InlineData("{\"a\":1} [[[[")]
    public void Text_that_stops_being_JSON_before_it_gets_too_deep_is_not_too_deep(string text)
    {
        Assert.False(JsonLimits.IsTooDeep(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>An object holding arrays, <paramref name="depth"/> containers in all.</summary>
    private static byte[] Nested(int depth) =>
        Encoding.UTF8.GetBytes($$"""{"a":{{new string('[', depth - 1)}}1{{new string(']', depth - 1)}}}""");
}
