using System.Net;
using WhetGateway.Tests.Gateway;
using WhetGateway.Tests.Infrastructure;

namespace WhetGateway.Tests.Faults;

/// <summary>
/// Three gateway instances sharing one Redis deployment act as one gateway under heavy same-key concurrency. Runs
/// once on a single Redis and once on a Redis Cluster.
/// </summary>
public abstract class ScaleOutSpec : UpstreamTestBase
{
    private const int Instances = 3;
    private const int Keys = 100;
    private const int RequestsPerKey = 30;
    private const int KeysAtOnce = 8;

    protected string KeyPrefix { get; } = $"scale:{Guid.NewGuid():N}:";

    protected abstract string RedisConnectionString { get; }

    [Fact]
    public async Task A_hundred_keys_each_sent_thirty_times_at_once_across_three_instances_execute_once_each_with_byte_identical_answers()
    {
        var gateways = await Task.WhenAll(Enumerable.Range(0, Instances).Select(_ => StartGatewayAsync(GatewayHost.OnRedis(RedisConnectionString, KeyPrefix))));
        var clients = gateways.Select(gateway => gateway.CreateClient()).ToArray();
        try
        {
            var answers = new List<KeyAnswers>();
            await Parallel.ForEachAsync(Enumerable.Range(0, Keys), new ParallelOptions { MaxDegreeOfParallelism = KeysAtOnce }, async (_, _) =>
            {
                var key = await SendConcurrentlyAsync(clients, Requests.NewKey());
                lock (answers)
                {
                    answers.Add(key);
                }
            });

            Assert.Equal(Keys, answers.Count);
            Assert.All(answers, key => Assert.Equal([HttpStatusCode.Created], key.Statuses.Distinct()));
            Assert.All(answers, key => Assert.Single(key.Bodies.Distinct()));
            Assert.All(answers, key => Assert.Equal(RequestsPerKey - 1, key.Replayed));
            Assert.Equal(Keys, Upstream.SideEffects.Count("pipelines.create"));
        }
        finally
        {
            foreach (var client in clients)
            {
                client.Dispose();
            }

            foreach (var gateway in gateways)
            {
                await gateway.DisposeAsync();
            }
        }
    }

    /// <summary>Sends one key's requests all at once, spread round-robin over the instances.</summary>
    private static async Task<KeyAnswers> SendConcurrentlyAsync(HttpClient[] clients, string key)
    {
        var body = Requests.CreatePipeline(key);
        var responses = await Task.WhenAll(Enumerable.Range(0, RequestsPerKey).Select(i =>
            clients[i % clients.Length].SendAsync(Requests.Post("/pipelines/from-intent", body, ("X-Sample-Delay-Ms", "100")))));
        try
        {
            var bodies = await Task.WhenAll(responses.Select(async response => Convert.ToHexString(await response.Content.ReadAsByteArrayAsync())));
            return new KeyAnswers(
                [.. responses.Select(response => response.StatusCode)],
                bodies,
                responses.Count(response => response.Headers.Contains("Idempotent-Replayed")));
        }
        finally
        {
            foreach (var response in responses)
            {
                response.Dispose();
            }
        }
    }

    private sealed record KeyAnswers(HttpStatusCode[] Statuses, string[] Bodies, int Replayed);
}
