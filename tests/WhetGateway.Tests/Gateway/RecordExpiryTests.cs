using System.Net;
using Microsoft.Extensions.Time.Testing;
using WhetGateway.Tests.Infrastructure;

namespace WhetGateway.Tests.Gateway;

/// <summary>
/// Records and tombstones live as long as the policy's lifetimes say, on the gateway's clock (a fake one here, on the
/// in-memory store); that each store lets a record lapse at the lifetime it is given is the store contract's part.
/// </summary>
public sealed class RecordExpiryTests : UpstreamTestBase
{
    private const string PolicyPath = $"Idempotency:Policies:{GatewayHost.Policy}";

    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task A_record_tied_to_no_resource_expires_after_RecordTtl_and_the_key_runs_again()
    {
        await using var gateway = await StartGatewayWithAsync($"{PolicyPath}:RecordTtl");
        using var client = gateway.CreateClient();
        var body = $$"""{"url":"https://example.com","intent":"read","idempotency_key":"{{Requests.NewKey()}}"}""";

        using var first = await client.SendAsync(Requests.Post("/fetch", body));
        _time.Advance(Lifetime - TimeSpan.FromSeconds(1));
        using var replay = await client.SendAsync(Requests.Post("/fetch", body));
        _time.Advance(TimeSpan.FromSeconds(1));
        using var afterExpiry = await client.SendAsync(Requests.Post("/fetch", body));

        Assert.True(replay.Headers.Contains("Idempotent-Replayed"));
        Assert.False(afterExpiry.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(2, Upstream.SideEffects.Count("fetch"));
    }

    [Fact]
    public async Task A_record_tied_to_a_resource_outlives_RecordTtl()
    {
        await using var gateway = await StartGatewayWithAsync($"{PolicyPath}:RecordTtl");
        using var client = gateway.CreateClient();
        var body = Requests.CreatePipeline(Requests.NewKey());

        using var first = await client.SendAsync(Requests.Post("/pipelines/from-intent", body));
        _time.Advance(Lifetime * 3);
        using var replay = await client.SendAsync(Requests.Post("/pipelines/from-intent", body));

        Assert.True(replay.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(1, Upstream.SideEffects.Count("pipelines.create"));
    }

    [Fact]
    public async Task MaxRecordAge_caps_the_life_of_a_record_tied_to_a_resource()
    {
        await using var gateway = await StartGatewayWithAsync($"{PolicyPath}:MaxRecordAge");
        using var client = gateway.CreateClient();
        var body = Requests.CreatePipeline(Requests.NewKey());

        using var first = await client.SendAsync(Requests.Post("/pipelines/from-intent", body));
        _time.Advance(Lifetime - TimeSpan.FromSeconds(1));
        using var replay = await client.SendAsync(Requests.Post("/pipelines/from-intent", body));
        _time.Advance(TimeSpan.FromSeconds(1));
        using var afterCap = await client.SendAsync(Requests.Post("/pipelines/from-intent", body));

        Assert.True(replay.Headers.Contains("Idempotent-Replayed"));
        Assert.False(afterCap.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(2, Upstream.SideEffects.Count("pipelines.create"));
    }

    [Fact]
    public async Task A_tombstone_expires_after_TombstoneTtl()
    {
        await using var gateway = await StartGatewayWithAsync($"{PolicyPath}:TombstoneTtl");
        using var client = gateway.CreateClient();
        var body = Requests.CreatePipeline(Requests.NewKey());

        using var created = await client.SendAsync(Requests.Post("/pipelines/from-intent", body));
        using var deleted = await client.DeleteAsync(created.Headers.Location);
        _time.Advance(Lifetime - TimeSpan.FromSeconds(1));
        using var tombstone = await client.SendAsync(Requests.Post("/pipelines/from-intent", body));
        _time.Advance(TimeSpan.FromSeconds(1));
        using var afterExpiry = await client.SendAsync(Requests.Post("/pipelines/from-intent", body));

        Assert.Equal(HttpStatusCode.NotFound, tombstone.StatusCode);
        Assert.Equal(HttpStatusCode.Created, afterExpiry.StatusCode);
        Assert.Equal(2, Upstream.SideEffects.Count("pipelines.create"));
    }

    /// <summary>A gateway on the fake clock whose <paramref name="lifetime"/> setting is <see cref="Lifetime"/>.</summary>
    private Task<GatewayHost> StartGatewayWithAsync(string lifetime) =>
        StartGatewayAsync(new Dictionary<string, string?> { [lifetime] = Lifetime.ToString() }, _time);
}
