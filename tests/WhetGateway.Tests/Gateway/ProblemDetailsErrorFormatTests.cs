using System.Net;
using System.Text;
using WhetGateway.Tests.Infrastructure;

namespace WhetGateway.Tests.Gateway;

/// <summary>
/// With <c>Idempotency:ErrorFormat</c> set to <c>ProblemDetails</c>, every error the gateway writes itself on a REST
/// route is RFC 9457 <c>application/problem+json</c>, with the IETF Idempotency-Key draft's statuses and the Agent API
/// type as <c>error_type</c>. (A concurrent duplicate waits for the original whatever the format: <see cref="GatewaySemanticsSpec"/>.)
/// </summary>
public sealed class ProblemDetailsErrorFormatTests : GatewayTestBase
{
    private const int MaxRequestBodyBytes = 2048;

    protected override IReadOnlyDictionary<string, string?> SettingOverrides => new Dictionary<string, string?>
    {
        ["Idempotency:ErrorFormat"] = "ProblemDetails",
        [$"Idempotency:Policies:{GatewayHost.Policy}:RequireKey"] = "true",
        [$"Idempotency:Policies:{GatewayHost.Policy}:MaxRequestBodyBytes"] = MaxRequestBodyBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    [Fact]
    public async Task A_missing_key_answers_400_problem_details_naming_the_param()
    {
        using var response = await Client.SendAsync(Requests.Post("/pipelines/from-intent", """{"intent":"no key"}"""));

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "validation_failed", param: "idempotency_key");
        Assert.Equal(0, Executions());
    }

    [Fact]
    public async Task A_malformed_key_answers_400_problem_details_naming_the_param()
    {
        using var response = await CreatePipelineAsync("too-short");

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "validation_failed", param: "idempotency_key");
        Assert.Equal(0, Executions());
    }

    [Fact]
    public async Task A_key_reused_with_another_body_answers_422_problem_details()
    {
        var key = Requests.NewKey();
        using var original = await CreatePipelineAsync(key);
        using var reused = await CreatePipelineAsync(key, "another intent");

        await AssertProblemAsync(reused, HttpStatusCode.UnprocessableEntity, "validation_failed", param: "idempotency_key");
        Assert.Equal(1, Executions());
    }

    [Fact]
    public async Task A_body_over_the_limit_answers_413_problem_details()
    {
        using var response = await CreatePipelineAsync(Requests.NewKey(), new string('x', MaxRequestBodyBytes));

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "payload_too_large");
    }

    [Fact]
    public async Task A_body_nested_too_deep_answers_400_problem_details()
    {
        var body = $$"""{"idempotency_key":"{{Requests.NewKey()}}","intent":{{new string('[', 100)}}{{new string(']', 100)}}}""";
        using var response = await Client.SendAsync(Requests.Post("/pipelines/from-intent", body));

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "validation_failed");
    }

    [Fact]
    public async Task A_body_in_a_coding_the_gateway_cannot_decode_answers_415_problem_details()
    {
        var content = new StringContent(Requests.CreatePipeline(Requests.NewKey()), Encoding.UTF8, "application/json");
        content.Headers.ContentEncoding.Add("zstd");
        using var response = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/pipelines/from-intent") { Content = content });

        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "unsupported_content_encoding");
    }

    [Fact]
    public async Task A_replay_after_its_resource_was_deleted_answers_404_problem_details()
    {
        var key = Requests.NewKey();
        using var created = await CreatePipelineAsync(key);
        using var deleted = await Client.DeleteAsync(created.Headers.Location);
        using var replay = await CreatePipelineAsync(key);

        await AssertProblemAsync(replay, HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task The_store_down_answers_503_problem_details_with_Retry_After()
    {
        await using var gateway = await StartGatewayAsync(WithSettings(GatewayHost.OnUnreachableRedis()));
        using var client = gateway.CreateClient();

        using var response = await client.SendAsync(Requests.Post("/pipelines/from-intent", Requests.CreatePipeline(Requests.NewKey())));

        await AssertProblemAsync(response, HttpStatusCode.ServiceUnavailable, "idempotency_unavailable");
        Assert.Equal("1", response.Headers.RetryAfter?.ToString());
    }

    [Fact]
    public async Task Without_the_option_errors_keep_the_Agent_API_envelope()
    {
        await using var gateway = await StartGatewayAsync(new Dictionary<string, string?>());
        using var client = gateway.CreateClient();

        using var response = await client.SendAsync(Requests.Post("/pipelines/from-intent", Requests.CreatePipeline("too-short")));
        var error = (await response.ReadJsonAsync()).GetProperty("error");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("validation_failed", error.GetProperty("type").GetString());
        Assert.Equal("idempotency_key", error.GetProperty("param").GetString());
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string errorType, string? param = null)
    {
        var problem = await response.ReadJsonAsync();

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.Equal(errorType, problem.GetProperty("error_type").GetString());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()));
        Assert.False(problem.TryGetProperty("error", out _));
        if (param is null)
        {
            Assert.False(problem.TryGetProperty("param", out _));
        }
        else
        {
            Assert.Equal(param, problem.GetProperty("param").GetString());
        }
    }
}
