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
    public Task A_gateway_killed_mid_call_loses_its_claim_within_the_lease_and_a_retry_on_another_instance_runs_the_call_again() =>
        AfterKillingAGatewayMidCallAsync("AtLeastOnce", async (survivorClient, body) =>
        {
            var clock = Stopwatch.StartNew();
            using var retry = await survivorClient.SendAsync(Requests.Post("/pipelines/from-intent", body));
            var tookOverAfter = clock.Elapsed;
            var executionsAtTakeover = Upstream.SideEffects.Count("pipelines.create");
            output.WriteLine($"the retry on another instance took over and answered {tookOverAfter.TotalMilliseconds:F0} ms after the kill (lease {Lease.TotalMilliseconds:F0} ms)");
            using var replay = await survivorClient.SendAsync(Requests.Post("/pipelines/from-intent", body));

            Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
            Assert.False(retry.Headers.Contains("Idempotent-Replayed"));
            Assert.InRange(tookOverAfter, TimeSpan.Zero, TakeoverBound);
            Assert.Equal(1, executionsAtTakeover);
            Assert.Equal(await retry.Content.ReadAsByteArrayAsync(), await replay.Content.ReadAsByteArrayAsync());

            // The limit a proxy cannot pass: the killed instance had already sent its call, and the upstream finishes it.
            Assert.Equal(2, await ExecutionsOnceSettledAsync(OriginalUpstreamDelay + TimeSpan.FromSeconds(5)));
        });

    [Fact]
    public Task Under_at_most_once_a_retry_after_a_gateway_killed_mid_call_answers_409_outcome_unknown_and_the_call_runs_once() =>
        AfterKillingAGatewayMidCallAsync("AtMostOnce", async (survivorClient, body) =>
        {
            using var retry = await survivorClient.SendAsync(Requests.Post("/pipelines/from-intent", body));
            using var again = await survivorClient.SendAsync(Requests.Post("/pipelines/from-intent", body));

            Assert.Equal(HttpStatusCode.Conflict, retry.StatusCode);
            Assert.Equal("outcome_unknown", await retry.ReadErrorTypeAsync());
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

            // The killed instance's call still finishes upstream, and it is the only one.
            Assert.Equal(1, await ExecutionsOnceSettledAsync(OriginalUpstreamDelay + TimeSpan.FromSeconds(5), expected: 1));
        });

    /// <summary>
    /// Two instances on one Redis under <paramref name="guarantee"/>; the original goes through one, which is killed
    /// once its upstream call is open; then <paramref name="retryOnSurvivor"/> runs with the other's client and the body.
    /// </summary>
    private async Task AfterKillingAGatewayMidCallAsync(string guarantee, Func<HttpClient, string, Task> retryOnSurvivor)
    {
        await using var redis = await RedisServerProcess.StartAsync();
        var settings = GatewayHost.Settings(Upstream.Address, new Dictionary<string, string?>(GatewayHost.OnRedis(redis.ConnectionString, "killed:"))
        {
            [$"Idempotency:Policies:{GatewayHost.Policy}:LeaseDuration"] = Lease.ToString(),
            [$"Idempotency:Policies:{GatewayHost.Policy}:Guarantee"] = guarantee,
        });
        await using var doomed = await GatewayProcess.StartAsync(settings);
        await using var survivor = await GatewayHost.StartAsync(settings);
        using var doomedClient = doomed.CreateClient();
        using var survivorClient = survivor.CreateClient();
        var body = Requests.CreatePipeline(Requests.NewKey());

        var original = doomedClient.SendAsync(Requests.Post("/pipelines/from-intent", body, ("X-Sample-Delay-Ms", OriginalUpstreamDelay.TotalMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        await WaitForUpstreamCallAsync();
        await doomed.KillAsync();
        await retryOnSurvivor(survivorClient, body);

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => original);
    }

    /// <summary>The upstream's executions once the killed instance's call has had time to finish (or <paramref name="expected"/> are seen).</summary>
    private async Task<long> ExecutionsOnceSettledAsync(TimeSpan limit, int expected = 2)
    {
        var deadline = DateTime.UtcNow + limit;
        while (Upstream.SideEffects.Count("pipelines.create") < expected && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        return Upstream.SideEffects.Count("pipelines.create");
    }
}
