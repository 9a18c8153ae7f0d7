using System.Net;
using System.Net.Http.Json;
using WhetGateway.Tests.Infrastructure;

namespace WhetGateway.Tests.Gateway;

/// <summary>The operator endpoint tombstones resources deleted without passing through the gateway.</summary>
public sealed class OperatorEvictionTests : UpstreamTestBase
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

    private Task<GatewayHost> StartGatewayAsync(bool enabled) =>
        StartGatewayAsync(("Idempotency:Admin:Enabled", enabled ? "true" : "false"), ("Idempotency:Admin:Token", Token));
}
