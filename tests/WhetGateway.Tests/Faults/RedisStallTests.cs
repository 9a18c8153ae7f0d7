using System.Diagnostics;
using System.Net;
using WhetGateway.Tests.Gateway;
using WhetGateway.Tests.Infrastructure;
using Xunit.Abstractions;

namespace WhetGateway.Tests.Faults;

/// <summary>
/// Redis frozen (SIGSTOP) while requests flow: the connection stays open and nothing answers, as in a long fork,
/// a swap storm or a stuck host. Commands sent meanwhile run when it thaws.
/// </summary>
[Collection(FaultInjectionCollection.Name)]
public sealed class RedisStallTests(ITestOutputHelper output) : UpstreamTestBase
{
    private const string PolicyPath = $"Idempotency:Policies:{GatewayHost.Policy}";

    [Fact]
    public async Task A_frozen_Redis_gets_keyed_requests_a_bounded_503_while_the_gateway_itself_stays_responsive()
    {
        await using var redis = await RedisServerProcess.StartAsync();
        await using var gateway = await StartGatewayAsync(GatewayHost.OnRedis(redis.ConnectionString, "stall:"));
        using var client = gateway.CreateClient();
        using var warmUp = await client.SendAsync(Requests.Post("/pipelines/from-intent", Requests.CreatePipeline(Requests.NewKey())));

        await redis.PauseAsync();
        (HttpResponseMessage Response, TimeSpan Took)[] keyed;
        (HttpResponseMessage Response, TimeSpan Took) health;
        try
        {
            var pending = Enumerable.Range(0, 40)
                .Select(_ => TimeAsync(client.SendAsync(Requests.Post("/pipelines/from-intent", Requests.CreatePipeline(Requests.NewKey())))))
                .ToArray();
            health = await TimeAsync(client.GetAsync("/healthz"));
            keyed = await Task.WhenAll(pending);
        }
        finally
        {
            await redis.ResumeAsync();
        }

        output.WriteLine($"40 keyed requests during the freeze answered in {keyed.Min(a => a.Took).TotalMilliseconds:F0}–{keyed.Max(a => a.Took).TotalMilliseconds:F0} ms; "
            + $"/healthz in {health.Took.TotalMilliseconds:F0} ms");
        Assert.Equal(HttpStatusCode.Created, warmUp.StatusCode);
        Assert.All(keyed, answer => Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.Response.StatusCode));
        Assert.All(keyed, answer => Assert.NotNull(answer.Response.Headers.RetryAfter));
        Assert.Equal("idempotency_unavailable", await keyed[0].Response.ReadErrorTypeAsync());
        Assert.All(keyed, answer => Assert.InRange(answer.Took, TimeSpan.Zero, FaultInjectionCollection.StoreRefusalBound));
        Assert.Equal(HttpStatusCode.OK, health.Response.StatusCode);
        Assert.True(health.Took < keyed.Min(answer => answer.Took), $"/healthz took {health.Took} while keyed requests waited on Redis");
        Assert.Equal(1, Upstream.SideEffects.Count("pipelines.create"));
    }

    [Fact]
    public async Task A_key_refused_while_Redis_was_frozen_runs_once_when_retried_after_Redis_thaws()
    {
        await using var redis = await RedisServerProcess.StartAsync();
        await using var gateway = await StartGatewayAsync(new Dictionary<string, string?>(GatewayHost.OnRedis(redis.ConnectionString, "thaw:"))
        {
            // A claim nobody holds would keep this retry waiting for 30 s; it gives up after 2 s with a 409.
            [$"{PolicyPath}:LeaseDuration"] = "00:00:30",
            [$"{PolicyPath}:MaxWait"] = "00:00:02",
        });
        using var client = gateway.CreateClient();
        using var warmUp = await client.SendAsync(Requests.Post("/pipelines/from-intent", Requests.CreatePipeline(Requests.NewKey())));
        var body = Requests.CreatePipeline(Requests.NewKey());

        await redis.PauseAsync();
        HttpResponseMessage refused;
        try
        {
            refused = await client.SendAsync(Requests.Post("/pipelines/from-intent", body));
        }
        finally
        {
            await redis.ResumeAsync();
        }

        using var retry = await client.SendAsync(Requests.Post("/pipelines/from-intent", body));
        using var replay = await client.SendAsync(Requests.Post("/pipelines/from-intent", body));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.False(retry.Headers.Contains("Idempotent-Replayed"));
        Assert.True(replay.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(2, Upstream.SideEffects.Count("pipelines.create"));
        refused.Dispose();
    }

    private static async Task<(HttpResponseMessage Response, TimeSpan Took)> TimeAsync(Task<HttpResponseMessage> request)
    {
        var clock = Stopwatch.StartNew();
        var response = await request;
        return (response, clock.Elapsed);
    }
}
