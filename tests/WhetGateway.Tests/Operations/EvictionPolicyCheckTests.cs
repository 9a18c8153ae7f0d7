using WhetGateway.Tests.Gateway;
using WhetGateway.Tests.Infrastructure;

namespace WhetGateway.Tests.Operations;

/// <summary>A Redis that may evict records under memory pressure is refused at start unless the operator says otherwise.</summary>
public sealed class EvictionPolicyCheckTests : UpstreamTestBase
{
    [Fact]
    public async Task A_Redis_with_an_evicting_maxmemory_policy_stops_the_start_naming_the_setting()
    {
        await using var redis = await RedisServerProcess.StartAsync("--maxmemory-policy", "allkeys-lru");

        var failure = await Assert.ThrowsAnyAsync<InvalidOperationException>(() => StartGatewayAsync(GatewayHost.OnRedis(redis.ConnectionString, "evicting:")));

        Assert.Contains("allkeys-lru", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Idempotency:Store:Redis:EvictionPolicyCheck", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EvictionPolicyCheck_Warn_lets_the_gateway_start_on_such_a_Redis()
    {
        await using var redis = await RedisServerProcess.StartAsync("--maxmemory-policy", "volatile-lru");
        var settings = GatewayHost.OnRedis(redis.ConnectionString, "evicting:");
        settings["Idempotency:Store:Redis:EvictionPolicyCheck"] = "Warn";

        await using var gateway = await StartGatewayAsync(settings);
        using var client = gateway.CreateClient();
        using var response = await client.SendAsync(Requests.Post("/pipelines/from-intent", Requests.CreatePipeline(Requests.NewKey())));

        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
    }
}
