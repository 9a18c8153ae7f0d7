using System.Diagnostics;
using System.Net;
using WhetGateway.Tests.Gateway;
using WhetGateway.Tests.Infrastructure;
using Xunit.Abstractions;

namespace WhetGateway.Tests.Faults;

/// <summary>A gateway instance killed (SIGKILL) while it holds a claim and its upstream call is open.</summary>
[Collection(FaultInjectionCollection.Name)]
public sealed class GatewayCrashTests(ITestOutputHelper output) : UpstreamTestBase
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(1);

    /// <summary>The original's upstream call: far longer than a lease, so a takeover that waited for it would show.</summary>
    private static readonly TimeSpan OriginalUpstreamDelay = TimeSpan.FromSeconds(6);

    /// <summary>A lapsed lease, a waiter's poll and the takeover's own call, with slack for a busy machine.</summary>
    private static readonly TimeSpan TakeoverBound = TimeSpan.FromSeconds(4);

    [Fact]
    public async Task A_gateway_killed_mid_call_loses_its_claim_within_the_lease_and_a_retry_on_another_instance_runs_the_call_again()
    {
        await using var redis = await RedisServerProcess.StartAsync();
        var settings = GatewayHost.Settings(Upstream.Address, new Dictionary<string, string?>(GatewayHost.OnRedis(redis.ConnectionString, "killed:"))
        {
            [$"Idempotency:Policies:{GatewayHost.Policy}:LeaseDuration"] = Lease.ToString(),
        });
        await using var doomed = await GatewayProcess.StartAsync(settings);
        await using var survivor = await GatewayHost.StartAsync(settings);
        using var doomedClient = doomed.CreateClient();
        using var survivorClient = survivor.CreateClient();
        var body = Requests.CreatePipeline(Requests.NewKey());

        var original = doomedClient.SendAsync(Requests.Post("/pipelines/from-intent", body, ("X-Sample-Delay-Ms", OriginalUpstreamDelay.TotalMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        await WaitForUpstreamCallAsync();
        await doomed.KillAsync();
        var clock = Stopwatch.StartNew();
        using var retry = await survivorClient.SendAsync(Requests.Post("/pipelines/from-intent", body));
        var tookOverAfter = clock.Elapsed;
        var executionsAtTakeover = Upstream.SideEffects.Count("pipelines.create");
        output.WriteLine($"the retry on another instance took over and answered {tookOverAfter.TotalMilliseconds:F0} ms after the kill (lease {Lease.TotalMilliseconds:F0} ms)");
        using var replay = await survivorClient.SendAsync(Requests.Post("/pipelines/from-intent", body));

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => original);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.False(retry.Headers.Contains("Idempotent-Replayed"));
        Assert.InRange(tookOverAfter, TimeSpan.Zero, TakeoverBound);
        Assert.Equal(1, executionsAtTakeover);
        Assert.Equal(await retry.Content.ReadAsByteArrayAsync(), await replay.Content.ReadAsByteArrayAsync());

        // The limit a proxy cannot pass: the killed instance had already sent its call, and the upstream finishes it.
        Assert.Equal(2, await ExecutionsOnceSettledAsync(OriginalUpstreamDelay + TimeSpan.FromSeconds(5)));
    }

    private async Task<long> ExecutionsOnceSettledAsync(TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (Upstream.SideEffects.Count("pipelines.create") < 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        return Upstream.SideEffects.Count("pipelines.create");
    }
}
