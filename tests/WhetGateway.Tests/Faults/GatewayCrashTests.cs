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
    /// <summary>
    /// Long enough that a retry which did not wait for it (the killed instance's claim never reached the shared store)
    /// cannot pass for one that did, even on a slow machine.
    /// </summary>
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(2);

    /// <summary>After the lease: a waiter's poll and the takeover's own call, with room for a machine that stalls.</summary>
    private static readonly TimeSpan TakeoverSlack = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan SettleLimit = TimeSpan.FromSeconds(20);

    [Fact]
    public Task A_gateway_killed_mid_call_holds_its_claim_until_the_lease_lapses_then_a_retry_on_another_instance_runs_the_call_again() =>
        AfterKillingAGatewayMidCallAsync("AtLeastOnce", async (survivorClient, body, clock, hold) =>
        {
            using var retry = await survivorClient.SendAsync(Requests.Post("/pipelines/from-intent", body));
            var answeredAfter = clock.Elapsed;
            var executionsAtTakeover = Upstream.SideEffects.Count("pipelines.create");
            output.WriteLine($"the retry on another instance took over and answered {answeredAfter.TotalMilliseconds:F0} ms after the original was sent (lease {Lease.TotalMilliseconds:F0} ms)");
            using var replay = await survivorClient.SendAsync(Requests.Post("/pipelines/from-intent", body));

            Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
            Assert.False(retry.Headers.Contains("Idempotent-Replayed"));
            Assert.InRange(answeredAfter, Lease, Lease + TakeoverSlack);
            Assert.Equal(1, executionsAtTakeover);
            Assert.Equal(await retry.Content.ReadAsByteArrayAsync(), await replay.Content.ReadAsByteArrayAsync());

            // The limit a proxy cannot pass: the killed instance had already sent its call, and the upstream finishes it.
            Upstream.Release(hold);
            Assert.Equal(2, await ExecutionsOnceSettledAsync(expected: 2));
        });

    [Fact]
    public Task Under_at_most_once_a_retry_after_a_gateway_killed_mid_call_answers_409_outcome_unknown_and_the_call_runs_once() =>
        AfterKillingAGatewayMidCallAsync("AtMostOnce", async (survivorClient, body, _, hold) =>
        {
            using var retry = await survivorClient.SendAsync(Requests.Post("/pipelines/from-intent", body));
            using var again = await survivorClient.SendAsync(Requests.Post("/pipelines/from-intent", body));

            Assert.Equal(HttpStatusCode.Conflict, retry.StatusCode);
            Assert.Equal("outcome_unknown", await retry.ReadErrorTypeAsync());
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

            // The killed instance's call still finishes upstream, and it is the only one.
            Upstream.Release(hold);
            Assert.Equal(1, await ExecutionsOnceSettledAsync(expected: 1));
        });

    /// <summary>
    /// Two instances on one Redis under <paramref name="guarantee"/>; the original goes through one, which is killed
    /// once its upstream call is open (held there); then <paramref name="retryOnSurvivor"/> runs with the other's
    /// client, the body, a clock started just before the original was sent, and the hold to release.
    /// </summary>
    private async Task AfterKillingAGatewayMidCallAsync(string guarantee, Func<HttpClient, string, Stopwatch, string, Task> retryOnSurvivor)
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
        var hold = Requests.NewKey();

        // A keyed call through the new process first, so its first-request warm-up does not count against the lease.
        using var warmUp = await doomedClient.SendAsync(Requests.Post("/fetch", $$"""{"url":"https://example.com","intent":"warm up","idempotency_key":"{{Requests.NewKey()}}"}"""));

        // The claim, and so its lease, begins after this clock starts: no retry can take over before one lease on it.
        var clock = Stopwatch.StartNew();
        var original = doomedClient.SendAsync(Requests.Post("/pipelines/from-intent", body, (SampleApiHost.HoldHeader, hold)));
        await Upstream.WaitUntilHeldAsync(hold);
        await doomed.KillAsync();
        await retryOnSurvivor(survivorClient, body, clock, hold);

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => original);
    }

    /// <summary>The upstream's executions once the killed instance's call has had time to finish (or <paramref name="expected"/> are seen).</summary>
    private async Task<long> ExecutionsOnceSettledAsync(int expected)
    {
        var deadline = DateTime.UtcNow + SettleLimit;
        while (Upstream.SideEffects.Count("pipelines.create") < expected && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        return Upstream.SideEffects.Count("pipelines.create");
    }
}
