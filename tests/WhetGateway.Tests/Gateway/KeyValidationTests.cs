using System.Net;
using WhetGateway.Tests.Infrastructure;

namespace WhetGateway.Tests.Gateway;

/// <summary>A key that breaks the format is refused with 400 before anything reaches the upstream.</summary>
public sealed class KeyValidationTests : GatewayTestBase
{
    [Theory]
    [InlineData(15, HttpStatusCode.BadRequest)]
    [InlineData(16, HttpStatusCode.Created)]
    [InlineData(128, HttpStatusCode.Created)]
    [InlineData(129, HttpStatusCode.BadRequest)]
    public async Task Key_length_must_be_16_to_128_characters(int length, HttpStatusCode expected)
    {
        using var response = await CreatePipelineAsync(new string('k', length));

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(expected == HttpStatusCode.Created ? 1 : 0, Executions());
    }

    [Theory]
    [InlineData("""{"intent":"x","idempotency_key":null}""")]
    [InlineData("""{"intent":"x","idempotency_key":12345678901234567890}""")]
    [InlineData("""{"intent":"x","idempotency_key":{"k":"aaaaaaaaaaaaaaaaaaaa"}}""")]
    [InlineData("""{"intent":"x","idempotency_key":"caf\u00e9caf\u00e9caf\u00e9caf\u00e9"}""")]
    [InlineData("""{"intent":"x","idempotency_key":"aaaaaaaaaaaaaaaa\u0007"}""")]
    [InlineData("""{"intent":"x","idempotency_key":"aaaaaaaaaaaaaaaaaaaa","idempotency_key":"aaaaaaaaaaaaaaaaaaaa"}""")]
    public async Task A_malformed_key_answers_400_validation_failed_naming_the_param_without_calling_upstream(string body)
    {
        using var response = await Client.SendAsync(Requests.Post("/pipelines/from-intent", body));
        var error = (await response.ReadJsonAsync()).GetProperty("error");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("validation_failed", error.GetProperty("type").GetString());
        Assert.Equal("idempotency_key", error.GetProperty("param").GetString());
        Assert.Equal(0, Upstream.SideEffects.Total);
    }

    [Fact]
    public async Task A_body_that_starts_as_JSON_but_is_not_valid_answers_400_without_calling_upstream()
    {
        using var response = await Client.SendAsync(Requests.Post("/pipelines/from-intent", """{"intent":"x","idempotency_key":"aaaaaaaaaaaaaaaaaaaa" """));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("validation_failed", await response.ReadErrorTypeAsync());
        Assert.Equal(0, Upstream.SideEffects.Total);
    }

    [Fact]
    public async Task A_request_without_a_key_is_forwarded_untouched_every_time()
    {
        const string body = """{"handle":"h","intent":"daily"}""";
        using var first = await Client.SendAsync(Requests.Post("/pipelines/from-intent", body));
        using var second = await Client.SendAsync(Requests.Post("/pipelines/from-intent", body));

        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.NotEqual(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.Equal(2, Executions());
    }
}
