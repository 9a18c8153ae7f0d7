using System.Net;
using WhetGateway.Tests.Infrastructure;
using WhetGateway.Tests.Shapes;

namespace WhetGateway.Tests.Gateway;

/// <summary>
/// The contract a client sees, end to end through real Kestrel and the sample API; it runs once per shape (behind the
/// gateway, in-process) and store.
/// </summary>
public abstract class GatewaySemanticsSpec : IdempotentApiTestBase
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

    /// <remarks>YARP drops <c>Proxy-*</c> response headers itself, so <c>Proxy-Authentication-Info</c> is in <c>RecordedHeadersTests</c> only.</remarks>
    [Theory]
    [InlineData("WWW-Authenticate", "Bearer error=\"insufficient_scope\", scope=\"admin\"")]
    [InlineData("Authentication-Info", "nextnonce=\"9d8e7f\"")]
    [InlineData("Clear-Site-Data", "\"cookies\", \"storage\"")]
    public async Task Replay_never_carries_a_per_user_authentication_header(string name, string value)
    {
        var key = Requests.NewKey();
        var upstreamSends = ("X-Sample-Response-Header", $"{name}: {value}");
        using var first = await CreatePipelineAsync(key, headers: upstreamSends);
        using var replay = await CreatePipelineAsync(key, headers: upstreamSends);

        Assert.Equal([value], first.Headers.GetValues(name));
        Assert.True(replay.Headers.Contains("Idempotent-Replayed"));
        Assert.False(replay.Headers.Contains(name));
        Assert.Equal(1, Executions());
    }

    [Fact]
    public async Task Replays_carry_neither_the_originals_hop_by_hop_headers_nor_its_framing()
    {
        var body = Requests.CreatePipeline(Requests.NewKey());
        var closing = Requests.Post("/pipelines/from-intent", body);
        closing.Headers.ConnectionClose = true;
        using var first = await Client.SendAsync(closing);
        using var replay = await Client.SendAsync(Requests.Post("/pipelines/from-intent", body));
        var replayed = await replay.Content.ReadAsByteArrayAsync();

        // The original went out chunked and closing, as its client asked: both were in its headers to be recorded.
        Assert.True(first.Headers.ConnectionClose);
        Assert.True(first.Headers.TransferEncodingChunked);
        Assert.True(replay.Headers.Contains("Idempotent-Replayed"));
        Assert.NotEqual(true, replay.Headers.ConnectionClose);
        Assert.NotEqual(true, replay.Headers.TransferEncodingChunked);
        Assert.Equal(replayed.Length, replay.Content.Headers.ContentLength);
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
    public async Task A_different_body_while_the_original_still_runs_answers_422_at_once_without_calling_upstream()
    {
        var key = Requests.NewKey();
        var original = CreatePipelineAsync(key, "daily", (SampleApiHost.HoldHeader, "original"));
        await Upstream.WaitUntilHeldAsync("original");

        // The original is held at the upstream until released: a 422 that waited for it would never come.
        using var other = await CreatePipelineAsync(key, "weekly").WaitAsync(TimeSpan.FromSeconds(15));
        Upstream.Release("original");
        using var originalResponse = await original;

        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.StatusCode);
        Assert.Equal("validation_failed", await other.ReadErrorTypeAsync());
        Assert.Equal(HttpStatusCode.Created, originalResponse.StatusCode);
        Assert.Equal(1, Upstream.RequestsReceived);
        Assert.Equal(1, Executions());
    }

    [Fact]
    public async Task The_same_key_on_the_same_path_under_another_method_is_another_request()
    {
        await using var api = await StartApiAsync(new Dictionary<string, string?>
        {
            [$"Idempotency:Policies:{AgentApiSettings.Policy}:Methods:0"] = "POST",
            [$"Idempotency:Policies:{AgentApiSettings.Policy}:Methods:1"] = "PUT",
        });
        using var client = api.CreateClient();
        var body = $$"""{"text":"hello","idempotency_key":"{{Requests.NewKey()}}"}""";
        using var posted = await client.SendAsync(Requests.Post("/posts/p1/draft", body));
        using var put = await client.SendAsync(Requests.Create(HttpMethod.Put, "/posts/p1/draft", body));
        using var putAgain = await client.SendAsync(Requests.Create(HttpMethod.Put, "/posts/p1/draft", body));

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.False(put.Headers.Contains("Idempotent-Replayed"));
        Assert.NotEqual(await posted.Content.ReadAsStringAsync(), await put.Content.ReadAsStringAsync());
        Assert.True(putAgain.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(2, Executions("posts.draft"));
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
    public async Task A_duplicate_waiting_for_an_original_that_released_its_claim_runs_the_request_itself()
    {
        var key = Requests.NewKey();
        var original = CreatePipelineAsync(key, headers: [(SampleApiHost.HoldHeader, "original"), ("X-Sample-Fail", "503")]);
        await Upstream.WaitUntilHeldAsync("original");
        var duplicate = CreatePipelineAsync(key);
        await DuplicateWaitingAsync();
        Upstream.Release("original");
        using var originalResponse = await original;
        using var duplicateResponse = await duplicate;

        Assert.Equal(HttpStatusCode.ServiceUnavailable, originalResponse.StatusCode);
        Assert.Equal(HttpStatusCode.Created, duplicateResponse.StatusCode);
        Assert.False(duplicateResponse.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(1, Executions());
    }

    [Fact]
    public async Task A_duplicate_refused_after_MaxWait_is_told_to_retry_when_the_originals_lease_runs_out()
    {
        await using var api = await StartApiAsync(new Dictionary<string, string?>
        {
            [$"Idempotency:Policies:{AgentApiSettings.Policy}:LeaseDuration"] = "00:01:00",
            [$"Idempotency:Policies:{AgentApiSettings.Policy}:MaxWait"] = "00:00:00.100",
        });
        using var client = api.CreateClient();
        var body = Requests.CreatePipeline(Requests.NewKey());
        var original = client.SendAsync(Requests.Post("/pipelines/from-intent", body, (SampleApiHost.HoldHeader, "original")));
        await Upstream.WaitUntilHeldAsync("original");
        using var duplicate = await client.SendAsync(Requests.Post("/pipelines/from-intent", body));
        Upstream.Release("original");
        using var originalResponse = await original;

        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Equal("request_in_progress", await duplicate.ReadErrorTypeAsync());
        // What is left of the original's one-minute lease (renewed every 20 s), in whole seconds: not a made-up constant.
        Assert.InRange(duplicate.Headers.RetryAfter?.Delta ?? TimeSpan.Zero, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60));
        Assert.Equal(HttpStatusCode.Created, originalResponse.StatusCode);
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
