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
        using var patient = second.CreateClient();
        var body = Requests.CreatePipeline(Requests.NewKey());
        var hold = Requests.NewKey();

        // The client's timeout strikes once its call is open upstream, as a timeout shorter than the upstream's answer would.
        using var timeout = new CancellationTokenSource();
        var original = impatient.SendAsync(Requests.Post("/pipelines/from-intent", body, (SampleApiHost.HoldHeader, hold)), timeout.Token);
        await Upstream.WaitUntilHeldAsync(hold);
        await timeout.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => original);
        var retry = patient.SendAsync(Requests.Post("/pipelines/from-intent", body));
        Upstream.Release(hold);
        using var retried = await retry;

        Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
        Assert.True(retried.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(1, Upstream.SideEffects.Count("pipelines.create"));
    }
}
