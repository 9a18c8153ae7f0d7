using System.Net;
using WhetGateway.Tests.Gateway;
using WhetGateway.Tests.Infrastructure;

namespace WhetGateway.Tests.Operations;

/// <summary>Liveness and readiness answer from the gateway itself; readiness follows the store.</summary>
public sealed class HealthTests : UpstreamTestBase
{
    [Fact]
    public async Task Readiness_fails_while_Redis_is_down_and_recovers_when_it_returns()
    {
        await using var redis = await RedisServerProcess.StartAsync();
        await using var gateway = await StartGatewayAsync(GatewayHost.OnRedis(redis.ConnectionString, "health:"));
        using var client = gateway.CreateClient();

        using var ready = await client.GetAsync("/readyz");
        await redis.KillAsync();
        using var down = await client.GetAsync("/readyz");
        using var aliveWhileDown = await client.GetAsync("/healthz");
        await redis.StartAgainAsync();
        var recovered = await PollStatusAsync(client, "/readyz", HttpStatusCode.OK, TimeSpan.FromSeconds(20));

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
        Assert.Equal(HttpStatusCode.OK, aliveWhileDown.StatusCode);
        Assert.Equal(HttpStatusCode.OK, recovered);
    }

    [Fact]
    public async Task Health_endpoints_are_answered_by_the_gateway_even_with_a_catch_all_route()
    {
        await using var gateway = await StartGatewayAsync();
        using var client = gateway.CreateClient();

        using var live = await client.GetAsync("/healthz");
        using var ready = await client.GetAsync("/readyz");

        Assert.Equal("Healthy", await live.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }

    private static async Task<HttpStatusCode> PollStatusAsync(HttpClient client, string path, HttpStatusCode wanted, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            using var response = await client.GetAsync(path);
            if (response.StatusCode == wanted || DateTime.UtcNow > deadline)
            {
                return response.StatusCode;
            }

            await Task.Delay(200);
        }
    }
}
