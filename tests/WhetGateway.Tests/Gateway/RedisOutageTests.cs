using System.Net;
using WhetGateway.Tests.Infrastructure;

namespace WhetGateway.Tests.Gateway;

/// <summary>While Redis is down, keyed requests fail closed, fast; when it returns, the gateway recovers by itself.</summary>
public sealed class RedisOutageTests : IAsyncLifetime
{
    private RedisServerProcess _redis = null!;
    private SampleApiHost _upstream = null!;
    private GatewayHost _gateway = null!;

    public async Task InitializeAsync()
    {
        _redis = await RedisServerProcess.StartAsync();
        _upstream = await SampleApiHost.StartAsync();
        _gateway = await GatewayHost.StartAsync(GatewayHost.Settings(_upstream.Address, GatewayHost.OnRedis(_redis.ConnectionString, "outage:")));
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _upstream.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task Redis_down_answers_503_with_Retry_After_without_calling_upstream_and_recovers_when_it_returns()
    {
        using var client = _gateway.CreateClient();
        await _redis.KillAsync();

        var whileDown = new List<HttpResponseMessage>();
        for (var i = 0; i < 5; i++)
        {
            whileDown.Add(await client.SendAsync(Requests.Post("/pipelines/from-intent", Requests.CreatePipeline(Requests.NewKey()))));
        }

        Assert.All(whileDown, response => Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode));
        Assert.All(whileDown, response => Assert.NotNull(response.Headers.RetryAfter));
        Assert.Equal("idempotency_unavailable", await whileDown[0].ReadErrorTypeAsync());
        Assert.Equal(0, _upstream.SideEffects.Total);

        await _redis.StartAgainAsync();
        var recovered = await RetryUntilAsync(client, response => response.StatusCode == HttpStatusCode.Created, TimeSpan.FromSeconds(20));

        Assert.Equal(HttpStatusCode.Created, recovered.StatusCode);
        Assert.Equal(1, _upstream.SideEffects.Count("pipelines.create"));
    }

    private static async Task<HttpResponseMessage> RetryUntilAsync(HttpClient client, Func<HttpResponseMessage, bool> done, TimeSpan limit)
    {
        var body = Requests.CreatePipeline(Requests.NewKey());
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            var response = await client.SendAsync(Requests.Post("/pipelines/from-intent", body));
            if (done(response) || DateTime.UtcNow > deadline)
            {
                return response;
            }

            response.Dispose();
            await Task.Delay(200);
        }
    }
}
