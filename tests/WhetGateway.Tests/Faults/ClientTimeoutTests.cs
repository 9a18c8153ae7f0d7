using System.Net;
using WhetGateway.Tests.Gateway;
using WhetGateway.Tests.Infrastructure;

namespace WhetGateway.Tests.Faults;

/// <summary>A client whose own timeout is shorter than the upstream's answer, retrying through another instance.</summary>
[Collection(SharedRedisCollection.Name)]
public sealed class ClientTimeoutTests(SharedRedis redis) : UpstreamTestBase
{
    [Fact]
    public async Task A_client_that_timed_out_on_a_slow_upstream_gets_the_replay_when_it_retries_through_another_instance()
    {
        var onRedis = GatewayHost.OnRedis(redis.ConnectionString, $"timeout:{Guid.NewGuid():N}:");
        await using var first = await StartGatewayAsync(onRedis);
        await using var second = await StartGatewayAsync(onRedis);
        using var impatient = first.CreateClient();
        impatient.Timeout = TimeSpan.FromMilliseconds(300);
        using var patient = second.CreateClient();
        var body = Requests.CreatePipeline(Requests.NewKey());

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => impatient.SendAsync(Requests.Post("/pipelines/from-intent", body, ("X-Sample-Delay-Ms", "1500"))));
        using var retry = await patient.SendAsync(Requests.Post("/pipelines/from-intent", body));

        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.True(retry.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(1, Upstream.SideEffects.Count("pipelines.create"));
    }
}
