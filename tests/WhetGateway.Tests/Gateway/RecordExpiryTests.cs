using System.Net;
using WhetGateway.Tests.Infrastructure;

namespace WhetGateway.Tests.Gateway;

/// <summary>Records and tombstones expire after their configured lifetimes, on the Redis store.</summary>
[Collection(SharedRedisCollection.Name)]
public sealed class RecordExpiryTests(SharedRedis redis) : UpstreamTestBase
{
    private const string PolicyPath = $"Idempotency:Policies:{GatewayHost.Policy}";

    [Fact]
    public async Task A_record_tied_to_no_resource_expires_after_RecordTtl_and_the_key_runs_again()
    {
        await using var gateway = await StartGatewayOnRedisAsync($"{PolicyPath}:RecordTtl", "00:00:00.500");
        using var client = gateway.CreateClient();
        var body = $$"""{"url":"https://example.com","intent":"read","idempotency_key":"{{Requests.NewKey()}}"}""";

        using var first = await client.SendAsync(Requests.Post("/fetch", body));
        using var replay = await client.SendAsync(Requests.Post("/fetch", body));
        await Task.Delay(1000);
        using var afterExpiry = await client.SendAsync(Requests.Post("/fetch", body));

        Assert.True(replay.Headers.Contains("Idempotent-Replayed"));
        Assert.False(afterExpiry.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(2, Upstream.SideEffects.Count("fetch"));
    }

    [Fact]
    public async Task A_record_tied_to_a_resource_outlives_RecordTtl()
    {
        await using var gateway = await StartGatewayOnRedisAsync($"{PolicyPath}:RecordTtl", "00:00:00.300");
        using var client = gateway.CreateClient();
        var body = Requests.CreatePipeline(Requests.NewKey());

        using var first = await client.SendAsync(Requests.Post("/pipelines/from-intent", body));
        await Task.Delay(800);
        using var replay = await client.SendAsync(Requests.Post("/pipelines/from-intent", body));

        Assert.True(replay.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(1, Upstream.SideEffects.Count("pipelines.create"));
    }

    [Fact]
    public async Task MaxRecordAge_caps_the_life_of_a_record_tied_to_a_resource()
    {
        await using var gateway = await StartGatewayOnRedisAsync($"{PolicyPath}:MaxRecordAge", "00:00:00.300");
        using var client = gateway.CreateClient();
        var body = Requests.CreatePipeline(Requests.NewKey());

        using var first = await client.SendAsync(Requests.Post("/pipelines/from-intent", body));
        await Task.Delay(800);
        using var afterCap = await client.SendAsync(Requests.Post("/pipelines/from-intent", body));

        Assert.False(afterCap.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(2, Upstream.SideEffects.Count("pipelines.create"));
    }

    [Fact]
    public async Task A_tombstone_expires_after_TombstoneTtl()
    {
        await using var gateway = await StartGatewayOnRedisAsync($"{PolicyPath}:TombstoneTtl", "00:00:00.500");
        using var client = gateway.CreateClient();
        var body = Requests.CreatePipeline(Requests.NewKey());

        using var created = await client.SendAsync(Requests.Post("/pipelines/from-intent", body));
        using var deleted = await client.DeleteAsync(created.Headers.Location);
        using var tombstone = await client.SendAsync(Requests.Post("/pipelines/from-intent", body));
        await Task.Delay(1000);
        using var afterExpiry = await client.SendAsync(Requests.Post("/pipelines/from-intent", body));

        Assert.Equal(HttpStatusCode.NotFound, tombstone.StatusCode);
        Assert.Equal(HttpStatusCode.Created, afterExpiry.StatusCode);
        Assert.Equal(2, Upstream.SideEffects.Count("pipelines.create"));
    }

    private Task<GatewayHost> StartGatewayOnRedisAsync(string setting, string value)
    {
        var settings = GatewayHost.OnRedis(redis.ConnectionString, $"test:{Guid.NewGuid():N}:");
        settings[setting] = value;
        return StartGatewayAsync(settings);
    }
}
