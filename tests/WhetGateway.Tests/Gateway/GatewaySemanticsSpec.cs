using System.Net;
using WhetGateway.Tests.Infrastructure;

namespace WhetGateway.Tests.Gateway;

/// <summary>
/// The contract a client sees, end to end through real Kestrel and the sample API; it runs once per store.
/// </summary>
public abstract class GatewaySemanticsSpec : GatewayTestBase
{
    [Fact]
    public async Task Replay_with_same_key_and_body_returns_the_original_response_without_executing_again()
    {
        var key = Requests.NewKey();
        using var first = await CreatePipelineAsync(key);
        using var replay = await CreatePipelineAsync(key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(first.StatusCode, replay.StatusCode);
        Assert.Equal(await first.Content.ReadAsByteArrayAsync(), await replay.Content.ReadAsByteArrayAsync());
        Assert.Equal(first.Headers.Location, replay.Headers.Location);
        Assert.Equal(1, Executions());
    }

    [Fact]
    public async Task Replay_is_marked_Idempotent_Replayed_and_the_first_response_is_not()
    {
        var key = Requests.NewKey();
        using var first = await CreatePipelineAsync(key);
        using var replay = await CreatePipelineAsync(key);

        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(["true"], replay.Headers.GetValues("Idempotent-Replayed"));
    }

    [Fact]
    public async Task Replay_never_carries_Set_Cookie()
    {
        var body = $$"""{"provider":"github","idempotency_key":"{{Requests.NewKey()}}"}""";
        using var first = await Client.SendAsync(Requests.Post("/accounts/connect", body));
        using var replay = await Client.SendAsync(Requests.Post("/accounts/connect", body));

        Assert.True(first.Headers.Contains("Set-Cookie"));
        Assert.False(replay.Headers.Contains("Set-Cookie"));
        Assert.Equal(await first.Content.ReadAsStringAsync(), await replay.Content.ReadAsStringAsync());
        Assert.Equal(1, Executions("accounts.connect"));
    }

    [Fact]
    public async Task Same_key_with_a_different_body_answers_422_validation_failed_without_calling_upstream()
    {
        var key = Requests.NewKey();
        using var first = await CreatePipelineAsync(key, "daily");
        using var other = await CreatePipelineAsync(key, "weekly");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.StatusCode);
        Assert.Equal("validation_failed", await other.ReadErrorTypeAsync());
        Assert.Equal(1, Executions());
    }

    [Fact]
    public async Task Member_order_and_whitespace_do_not_make_a_retry_a_different_request()
    {
        var key = Requests.NewKey();
        using var first = await Client.SendAsync(Requests.Post("/pipelines/from-intent", $$"""{"handle":"h","intent":"daily","idempotency_key":"{{key}}"}"""));
        using var retry = await Client.SendAsync(Requests.Post("/pipelines/from-intent", $$"""{ "idempotency_key" : "{{key}}", "intent" : "daily",  "handle" : "h" }"""));

        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        Assert.Equal(1, Executions());
    }

    [Fact]
    public async Task The_same_key_on_another_endpoint_is_another_request()
    {
        var key = Requests.NewKey();
        using var first = await Client.SendAsync(Requests.Post("/artifacts/a1/publish", $$"""{"idempotency_key":"{{key}}"}"""));
        using var second = await Client.SendAsync(Requests.Post("/artifacts/a2/publish", $$"""{"idempotency_key":"{{key}}"}"""));

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.False(second.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(2, Executions("artifacts.publish"));
    }

    [Fact]
    public async Task Concurrent_duplicates_wait_for_the_original_and_get_its_response()
    {
        var key = Requests.NewKey();
        var delay = ("X-Sample-Delay-Ms", "400");
        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => CreatePipelineAsync(key, headers: delay)));
        var bodies = await Task.WhenAll(responses.Select(response => response.Content.ReadAsStringAsync()));

        Assert.All(responses, response => Assert.Equal(HttpStatusCode.Created, response.StatusCode));
        Assert.Single(bodies.Distinct());
        Assert.Equal(1, Executions());
    }

    [Fact]
    public async Task Upstream_503_releases_the_claim_so_the_retry_executes()
    {
        var key = Requests.NewKey();
        using var failed = await CreatePipelineAsync(key, headers: ("X-Sample-Fail", "503"));
        using var retry = await CreatePipelineAsync(key);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.False(retry.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(1, Executions());
    }

    [Fact]
    public async Task Upstream_500_is_recorded_and_replayed()
    {
        var key = Requests.NewKey();
        using var failed = await CreatePipelineAsync(key, headers: ("X-Sample-Fail", "500"));
        using var retry = await CreatePipelineAsync(key);

        Assert.Equal(HttpStatusCode.InternalServerError, retry.StatusCode);
        Assert.True(retry.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(0, Executions());
    }

    [Fact]
    public async Task Upstream_4xx_releases_the_claim_so_a_corrected_retry_executes()
    {
        var key = Requests.NewKey();
        using var rejected = await CreatePipelineAsync(key, headers: ("X-Sample-Fail", "429"));
        using var retry = await CreatePipelineAsync(key);

        Assert.Equal(HttpStatusCode.TooManyRequests, rejected.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(1, Executions());
    }

    [Fact]
    public async Task A_client_that_disconnects_mid_call_does_not_cancel_the_execution_and_its_retry_gets_the_replay()
    {
        var key = Requests.NewKey();
        var hold = Requests.NewKey();
        using (var impatient = new CancellationTokenSource())
        {
            var original = CreatePipelineAsync(key, impatient.Token, (SampleApiHost.HoldHeader, hold));
            await Upstream.WaitUntilHeldAsync(hold);
            await impatient.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => original);
        }

        Upstream.Release(hold);
        using var retry = await CreatePipelineAsync(key);

        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.True(retry.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(1, Executions());
    }

    [Fact]
    public async Task Read_only_calls_ignore_the_key()
    {
        using var created = await CreatePipelineAsync(Requests.NewKey());
        var location = created.Headers.Location!;
        using var read = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Get, location)
        {
            Content = new StringContent($$"""{"idempotency_key":"short"}""", System.Text.Encoding.UTF8, "application/json"),
        });

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
    }
}
