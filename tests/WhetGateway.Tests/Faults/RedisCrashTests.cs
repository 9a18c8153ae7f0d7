using System.Net;
using StackExchange.Redis;
using WhetGateway.Tests.Gateway;
using WhetGateway.Tests.Infrastructure;
using Xunit.Abstractions;

namespace WhetGateway.Tests.Faults;

/// <summary>Redis killed with SIGKILL while traffic flows, then started again.</summary>
[Collection(FaultInjectionCollection.Name)]
public sealed class RedisCrashTests(ITestOutputHelper output) : UpstreamTestBase
{
    /// <summary>How many requests Redis stays down for: enough that refusals are seen from every worker, several times.</summary>
    private const int RefusalsWhileDown = 30;

    private static readonly TimeSpan SignalLimit = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Redis_killed_under_load_fails_closed_and_fast_then_recovers_by_itself_and_no_key_executes_twice()
    {
        await using var redis = await RedisServerProcess.StartAsync();
        await using var gateway = await StartGatewayAsync(GatewayHost.OnRedis(redis.ConnectionString, "crash:"));
        using var client = gateway.CreateClient();
        var started = DateTime.UtcNow;
        var traffic = KeyedTraffic.Start([client], workers: 6);

        var flowing = await traffic.WaitForExecutionsSinceAsync(started, count: 20, SignalLimit);
        await redis.KillAsync();
        var killed = DateTime.UtcNow;
        var refusing = await traffic.WaitForAttemptsSinceAsync(killed, attempt => attempt.Status == HttpStatusCode.ServiceUnavailable, count: RefusalsWhileDown, SignalLimit);
        var restarting = DateTime.UtcNow;
        await redis.StartAgainAsync();
        var recovered = await traffic.WaitForExecutionsSinceAsync(restarting, count: 20, SignalLimit);
        var attempts = await traffic.StopAsync();

        var whileDown = attempts.Where(attempt => attempt.Started >= killed && attempt.Ended <= restarting).ToList();
        var firstAfter = attempts.Where(attempt => attempt.Executed && attempt.Started >= restarting).Select(attempt => attempt.Ended).DefaultIfEmpty().Min();
        output.WriteLine($"{attempts.Count} requests; {whileDown.Count} while down, slowest {whileDown.Select(a => a.Duration.TotalMilliseconds).DefaultIfEmpty().Max():F0} ms; "
            + $"first execution {(firstAfter - restarting).TotalSeconds:F1} s after the restart began; {Upstream.SideEffects.Count("pipelines.create")} executions");
        Assert.True(flowing, "the traffic never got going before Redis was killed");
        Assert.True(refusing, $"fewer than {RefusalsWhileDown} requests were refused while Redis was down");
        Assert.NotEmpty(whileDown);
        Assert.All(whileDown, attempt => Assert.Equal((HttpStatusCode.ServiceUnavailable, "idempotency_unavailable"), (attempt.Status, attempt.ErrorType)));
        Assert.All(whileDown, attempt => Assert.InRange(attempt.Duration, TimeSpan.Zero, FaultInjectionCollection.StoreRefusalBound));
        Assert.All(attempts, attempt => Assert.True(attempt.Executed || attempt.ErrorType == "idempotency_unavailable", $"unexpected answer {attempt}"));
        Assert.True(recovered, $"the gateway did not recover within {SignalLimit.TotalSeconds} s of Redis restarting");
        Assert.All(attempts.Where(attempt => attempt.Executed).GroupBy(attempt => attempt.Key), key => Assert.Single(key));
        Assert.Equal(attempts.Count(attempt => attempt.Executed), Upstream.SideEffects.Count("pipelines.create"));
    }

    [Fact]
    public async Task With_AOF_a_record_written_before_Redis_was_killed_still_replays_after_it_restarts()
    {
        var directory = Directory.CreateTempSubdirectory("whet-aof-");
        try
        {
            string[] persistent = ["--appendonly", "yes", "--appendfsync", "always", "--dir", directory.FullName];
            await using var redis = await RedisServerProcess.StartAsync(persistent);
            await using var gateway = await StartGatewayAsync(GatewayHost.OnRedis(redis.ConnectionString, "aof:"));
            using var client = gateway.CreateClient();
            var body = Requests.CreatePipeline(Requests.NewKey());
            using var original = await client.SendAsync(Requests.Post("/pipelines/from-intent", body));

            await redis.KillAsync();
            await redis.StartAgainAsync(persistent);
            using var replay = await SendUntilStoreAnswersAsync(client, body, TimeSpan.FromSeconds(20));

            Assert.Equal(HttpStatusCode.Created, original.StatusCode);
            Assert.Equal(HttpStatusCode.Created, replay.StatusCode);
            Assert.True(replay.Headers.Contains("Idempotent-Replayed"));
            Assert.Equal(await original.Content.ReadAsByteArrayAsync(), await replay.Content.ReadAsByteArrayAsync());
            Assert.Equal(1, Upstream.SideEffects.Count("pipelines.create"));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_response_that_could_not_be_recorded_while_Redis_was_down_is_recorded_when_Redis_returns()
    {
        await using var redis = await RedisServerProcess.StartAsync();
        await using var gateway = await StartGatewayAsync(GatewayHost.OnRedis(redis.ConnectionString, "late:"));
        using var client = gateway.CreateClient();
        var body = Requests.CreatePipeline(Requests.NewKey());

        using var answered = await AnswerWithRedisKilledMidCallAsync(client, body, redis);
        await redis.StartAgainAsync();
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        await WaitUntilAsync(() => connection.GetServer(redis.ConnectionString).KeysAsync(pattern: "late:{*}:rec").AnyAsync().AsTask(), "the record was never written");
        using var retry = await client.SendAsync(Requests.Post("/pipelines/from-intent", body));

        Assert.Equal(HttpStatusCode.Created, answered.StatusCode);
        Assert.True(retry.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(await answered.Content.ReadAsByteArrayAsync(), await retry.Content.ReadAsByteArrayAsync());
        Assert.Equal(1, Upstream.SideEffects.Count("pipelines.create"));
    }

    [Fact]
    public async Task A_gateway_stopped_while_a_record_waits_for_Redis_records_it_before_it_exits()
    {
        await using var redis = await RedisServerProcess.StartAsync();
        var onRedis = GatewayHost.OnRedis(redis.ConnectionString, "stopping:");
        var stopping = await StartGatewayAsync(onRedis);
        await using var survivor = await StartGatewayAsync(onRedis);
        using var client = stopping.CreateClient();
        using var survivorClient = survivor.CreateClient();
        var body = Requests.CreatePipeline(Requests.NewKey());

        using var answered = await AnswerWithRedisKilledMidCallAsync(client, body, redis);
        var stopped = stopping.DisposeAsync().AsTask();
        await redis.StartAgainAsync();
        await stopped;
        using var retry = await SendUntilStoreAnswersAsync(survivorClient, body, TimeSpan.FromSeconds(20));

        Assert.Equal(HttpStatusCode.Created, answered.StatusCode);
        Assert.True(retry.Headers.Contains("Idempotent-Replayed"), $"the retry answered {retry.StatusCode} without a replay");
        Assert.Equal(1, Upstream.SideEffects.Count("pipelines.create"));
    }

    /// <summary>Sends a first execution and kills Redis while the upstream holds it: nothing can record its answer.</summary>
    private async Task<HttpResponseMessage> AnswerWithRedisKilledMidCallAsync(HttpClient client, string body, RedisServerProcess redis)
    {
        var hold = Requests.NewKey();
        var original = client.SendAsync(Requests.Post("/pipelines/from-intent", body, (SampleApiHost.HoldHeader, hold)));
        await Upstream.WaitUntilHeldAsync(hold);
        await redis.KillAsync();
        Upstream.Release(hold);
        return await original;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string failure)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, failure);
            await Task.Delay(50);
        }
    }

    private static async Task<HttpResponseMessage> SendUntilStoreAnswersAsync(HttpClient client, string body, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            var response = await client.SendAsync(Requests.Post("/pipelines/from-intent", body));
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable || DateTime.UtcNow > deadline)
            {
                return response;
            }

            response.Dispose();
            await Task.Delay(200);
        }
    }
}
