using System.Net;
using System.Net.Http.Json;
using WhetGateway.Tests.Infrastructure;

namespace WhetGateway.Tests.Gateway;

/// <summary>The operator endpoints: evict resources deleted elsewhere, inspect and forget keys; operators only.</summary>
public sealed class OperatorEndpointTests : UpstreamTestBase
{
    private const string Token = "operator-token-0123456789abcdef0123456789";

    [Fact]
    public async Task An_operator_eviction_makes_replays_answer_404()
    {
        await using var gateway = await StartGatewayAsync(enabled: true);
        using var client = gateway.CreateClient();
        using var admin = gateway.CreateClient($"Bearer {Token}");
        var body = Requests.CreatePipeline(Requests.NewKey());

        using var created = await client.SendAsync(Requests.Post("/pipelines/from-intent", body));
        using var evicted = await admin.PostAsJsonAsync("/_whet/admin/evictions", new { path = created.Headers.Location!.ToString() });
        using var replay = await client.SendAsync(Requests.Post("/pipelines/from-intent", body));

        Assert.Equal(HttpStatusCode.OK, evicted.StatusCode);
        Assert.Equal(1, (await evicted.ReadJsonAsync()).GetProperty("tombstoned").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, replay.StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer not-the-operator-token-0123456789abcdef")]
    public async Task An_eviction_without_the_operator_token_is_refused(string? credential)
    {
        await using var gateway = await StartGatewayAsync(enabled: true);
        using var client = gateway.CreateClient();
        using var stranger = gateway.CreateClient(credential);
        var body = Requests.CreatePipeline(Requests.NewKey());

        using var created = await client.SendAsync(Requests.Post("/pipelines/from-intent", body));
        using var refused = await stranger.PostAsJsonAsync("/_whet/admin/evictions", new { path = created.Headers.Location!.ToString() });
        using var replay = await client.SendAsync(Requests.Post("/pipelines/from-intent", body));

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.True(replay.Headers.Contains("Idempotent-Replayed"));
    }

    [Fact]
    public async Task A_completed_record_shows_its_state_status_and_size_but_never_its_body()
    {
        await using var gateway = await StartGatewayAsync(enabled: true);
        using var client = gateway.CreateClient();
        using var admin = gateway.CreateClient($"Bearer {Token}");
        var key = Requests.NewKey();
        using var created = await client.SendAsync(Requests.Post("/pipelines/from-intent", Requests.CreatePipeline(key)));
        var body = await created.Content.ReadAsStringAsync();

        using var inspected = await admin.GetAsync(RecordQuery(key));
        var text = await inspected.Content.ReadAsStringAsync();
        var state = await inspected.ReadJsonAsync();

        Assert.Equal("completed", state.GetProperty("state").GetString());
        Assert.Equal(201, state.GetProperty("status").GetInt32());
        Assert.Equal(body.Length, state.GetProperty("body_bytes").GetInt64());
        Assert.DoesNotContain((await created.ReadJsonAsync()).GetProperty("pipeline_id").GetString()!, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_claim_still_running_shows_as_in_flight()
    {
        await using var gateway = await StartGatewayAsync(enabled: true);
        using var client = gateway.CreateClient();
        using var admin = gateway.CreateClient($"Bearer {Token}");
        var key = Requests.NewKey();
        var running = client.SendAsync(Requests.Post("/pipelines/from-intent", Requests.CreatePipeline(key), ("X-Sample-Delay-Ms", "1500")));
        await Task.Delay(400);

        using var inspected = await admin.GetAsync(RecordQuery(key));
        using var completed = await running;

        Assert.Equal("in_flight", (await inspected.ReadJsonAsync()).GetProperty("state").GetString());
    }

    [Fact]
    public async Task Forgetting_a_key_lets_its_next_request_run_again()
    {
        await using var gateway = await StartGatewayAsync(enabled: true);
        using var client = gateway.CreateClient();
        using var admin = gateway.CreateClient($"Bearer {Token}");
        var key = Requests.NewKey();
        using var first = await client.SendAsync(Requests.Post("/pipelines/from-intent", Requests.CreatePipeline(key)));

        using var forgotten = await admin.DeleteAsync(RecordQuery(key));
        using var again = await client.SendAsync(Requests.Post("/pipelines/from-intent", Requests.CreatePipeline(key)));
        using var gone = await admin.DeleteAsync(RecordQuery(Requests.NewKey()));

        Assert.Equal(HttpStatusCode.NoContent, forgotten.StatusCode);
        Assert.False(again.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(2, Upstream.SideEffects.Count("pipelines.create"));
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task A_tenant_token_cannot_read_records()
    {
        await using var gateway = await StartGatewayAsync(enabled: true);
        using var client = gateway.CreateClient();
        var key = Requests.NewKey();
        using var created = await client.SendAsync(Requests.Post("/pipelines/from-intent", Requests.CreatePipeline(key)));

        using var refused = await client.GetAsync(RecordQuery(key));

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task The_operator_endpoint_is_off_by_default()
    {
        await using var gateway = await StartGatewayAsync(enabled: false);
        using var admin = gateway.CreateClient($"Bearer {Token}");

        using var response = await admin.PostAsJsonAsync("/_whet/admin/evictions", new { path = "/pipelines/pl_1" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("not_found", await response.ReadErrorTypeAsync());
    }

    [Fact]
    public void Enabling_the_operator_endpoint_without_a_long_token_stops_the_start()
    {
        var settings = GatewayHost.Settings(Upstream.Address, new Dictionary<string, string?>
        {
            ["Idempotency:Admin:Enabled"] = "true",
            ["Idempotency:Admin:Token"] = "short",
        });

        var failure = Assert.ThrowsAny<Exception>(() => GatewayHost.Build(settings));

        Assert.Contains("Idempotency:Admin:Token", failure.Message, StringComparison.Ordinal);
    }

    private static string RecordQuery(string key) =>
        $"/_whet/admin/records?scope={Uri.EscapeDataString(GatewayHost.DefaultCredential)}&method=POST&path=/pipelines/from-intent&key={key}";

    private Task<GatewayHost> StartGatewayAsync(bool enabled) =>
        StartGatewayAsync(("Idempotency:Admin:Enabled", enabled ? "true" : "false"), ("Idempotency:Admin:Token", Token));
}
