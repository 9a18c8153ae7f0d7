using System.Net;
using Microsoft.Extensions.Time.Testing;
using WhetGateway.Tests.Infrastructure;

namespace WhetGateway.Tests.Gateway;

/// <summary>What the per-policy settings change, end to end.</summary>
public sealed class PolicyOptionsTests : UpstreamTestBase
{
    private const string PolicyPath = $"Idempotency:Policies:{GatewayHost.Policy}";

    [Fact]
    public async Task RequireKey_refuses_a_request_without_a_key()
    {
        await using var gateway = await StartGatewayAsync(($"{PolicyPath}:RequireKey", "true"));
        using var client = gateway.CreateClient();
        using var response = await client.SendAsync(Requests.Post("/pipelines/from-intent", """{"intent":"daily"}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("validation_failed", await response.ReadErrorTypeAsync());
        Assert.Equal(0, Upstream.SideEffects.Total);
    }

    [Fact]
    public async Task KeyHeader_carries_the_key_bare_or_quoted()
    {
        await using var gateway = await StartGatewayAsync(($"{PolicyPath}:KeyHeader", "Idempotency-Key"));
        using var client = gateway.CreateClient();
        var key = Requests.NewKey();
        using var first = await client.SendAsync(Requests.Post("/pipelines/from-intent", """{"intent":"daily"}""", ("Idempotency-Key", key)));
        using var quoted = await client.SendAsync(Requests.Post("/pipelines/from-intent", """{"intent":"daily"}""", ("Idempotency-Key", $"\"{key}\"")));

        Assert.Equal(HttpStatusCode.Created, quoted.StatusCode);
        Assert.True(quoted.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(1, Upstream.SideEffects.Count("pipelines.create"));
    }

    [Fact]
    public async Task KeyHeader_and_body_field_with_different_keys_answer_400()
    {
        await using var gateway = await StartGatewayAsync(($"{PolicyPath}:KeyHeader", "Idempotency-Key"));
        using var client = gateway.CreateClient();
        using var response = await client.SendAsync(Requests.Post(
            "/pipelines/from-intent", Requests.CreatePipeline(Requests.NewKey()), ("Idempotency-Key", Requests.NewKey())));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, Upstream.SideEffects.Total);
    }

    [Fact]
    public async Task A_body_over_MaxRequestBodyBytes_answers_413_without_calling_upstream()
    {
        await using var gateway = await StartGatewayAsync(($"{PolicyPath}:MaxRequestBodyBytes", "256"));
        using var client = gateway.CreateClient();
        using var response = await client.SendAsync(Requests.Post("/pipelines/from-intent", Requests.CreatePipeline(Requests.NewKey(), new string('i', 300))));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("payload_too_large", await response.ReadErrorTypeAsync());
        Assert.Equal(0, Upstream.SideEffects.Total);
    }

    [Fact]
    public async Task A_response_over_MaxRecordedResponseBytes_reaches_the_client_and_its_replay_answers_an_error_without_executing()
    {
        await using var gateway = await StartGatewayAsync(($"{PolicyPath}:MaxRecordedResponseBytes", "1000"));
        using var client = gateway.CreateClient();
        var key = Requests.NewKey();
        var padding = ("X-Sample-Response-Bytes", "5000");
        using var first = await client.SendAsync(Requests.Post("/pipelines/from-intent", Requests.CreatePipeline(key), padding));
        using var replay = await client.SendAsync(Requests.Post("/pipelines/from-intent", Requests.CreatePipeline(key), padding));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.True((await first.Content.ReadAsByteArrayAsync()).Length > 5000);
        Assert.Equal(HttpStatusCode.Conflict, replay.StatusCode);
        Assert.Equal("response_not_replayable", await replay.ReadErrorTypeAsync());
        Assert.Equal(1, Upstream.SideEffects.Count("pipelines.create"));
    }

    [Fact]
    public async Task A_duplicate_still_waiting_after_MaxWait_gets_409_request_in_progress_with_Retry_After()
    {
        await using var gateway = await StartGatewayAsync(($"{PolicyPath}:MaxWait", "00:00:00.200"));
        using var client = gateway.CreateClient();
        var key = Requests.NewKey();
        var hold = Requests.NewKey();
        var original = client.SendAsync(Requests.Post("/pipelines/from-intent", Requests.CreatePipeline(key), (SampleApiHost.HoldHeader, hold)));
        await Upstream.WaitUntilHeldAsync(hold);
        using var duplicate = await client.SendAsync(Requests.Post("/pipelines/from-intent", Requests.CreatePipeline(key)));
        Upstream.Release(hold);
        using var originalResponse = await original;

        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Equal("request_in_progress", await duplicate.ReadErrorTypeAsync());
        Assert.NotNull(duplicate.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.Created, originalResponse.StatusCode);
        Assert.Equal(1, Upstream.SideEffects.Count("pipelines.create"));
    }

    [Fact]
    public async Task A_call_longer_than_its_lease_keeps_its_claim_by_renewing_it()
    {
        var lease = TimeSpan.FromSeconds(3);
        var time = new FakeTimeProvider();
        await using var gateway = await StartGatewayAsync(new Dictionary<string, string?> { [$"{PolicyPath}:LeaseDuration"] = lease.ToString() }, time);
        using var client = gateway.CreateClient();
        var key = Requests.NewKey();
        var hold = Requests.NewKey();
        var original = client.SendAsync(Requests.Post("/pipelines/from-intent", Requests.CreatePipeline(key), (SampleApiHost.HoldHeader, hold)));
        await Upstream.WaitUntilHeldAsync(hold);

        // Four thirds of a lease, a third at a time, as the renewals are timed.
        for (var third = 0; third < 4; third++)
        {
            time.Advance(lease / 3);
        }

        var claim = await gateway.InspectAsync(key);
        var duplicate = client.SendAsync(Requests.Post("/pipelines/from-intent", Requests.CreatePipeline(key)));
        Upstream.Release(hold);
        using var originalResponse = await original;
        using var duplicateResponse = await duplicate;

        Assert.Equal("in_flight", claim?.State);
        Assert.True(duplicateResponse.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(await originalResponse.Content.ReadAsStringAsync(), await duplicateResponse.Content.ReadAsStringAsync());
        Assert.Equal(1, Upstream.SideEffects.Count("pipelines.create"));
    }

    [Fact]
    public async Task Methods_limits_the_policy_to_the_listed_methods()
    {
        await using var gateway = await StartGatewayAsync(($"{PolicyPath}:Methods:0", "PUT"));
        using var client = gateway.CreateClient();
        var key = Requests.NewKey();
        using var first = await client.SendAsync(Requests.Post("/pipelines/from-intent", Requests.CreatePipeline(key)));
        using var second = await client.SendAsync(Requests.Post("/pipelines/from-intent", Requests.CreatePipeline(key)));

        Assert.False(second.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(2, Upstream.SideEffects.Count("pipelines.create"));
    }
}
