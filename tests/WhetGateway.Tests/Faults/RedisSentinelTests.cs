using System.Net;
using StackExchange.Redis;
using WhetGateway.Tests.Gateway;
using WhetGateway.Tests.Infrastructure;

namespace WhetGateway.Tests.Faults;

/// <summary>The Sentinel connection string the README documents: Sentinel endpoints plus the service name.</summary>
public sealed class RedisSentinelTests : UpstreamTestBase
{
    private const string Service = "whet";

    [Fact]
    public async Task A_gateway_given_Sentinel_endpoints_and_a_service_name_records_on_the_primary_and_replays()
    {
        var directory = Directory.CreateTempSubdirectory("whet-sentinel-");
        try
        {
            await using var primary = await RedisServerProcess.StartAsync();
            var config = Path.Combine(directory.FullName, "sentinel.conf");
            await File.WriteAllTextAsync(config, $"sentinel monitor {Service} 127.0.0.1 {primary.Port} 1\n");
            await using var sentinel = await RedisServerProcess.StartWithConfigFileAsync(config, "--sentinel");
            await using var gateway = await StartGatewayAsync(GatewayHost.OnRedis($"{sentinel.ConnectionString},serviceName={Service}", "sentinel:"));
            using var client = gateway.CreateClient();
            var body = Requests.CreatePipeline(Requests.NewKey());

            using var first = await client.SendAsync(Requests.Post("/pipelines/from-intent", body));
            using var replay = await client.SendAsync(Requests.Post("/pipelines/from-intent", body));
            await using var direct = await ConnectionMultiplexer.ConnectAsync(primary.ConnectionString);

            Assert.Equal(HttpStatusCode.Created, first.StatusCode);
            Assert.True(replay.Headers.Contains("Idempotent-Replayed"));
            Assert.True(await direct.GetServer(primary.ConnectionString).KeysAsync(pattern: "sentinel:{*}:rec").AnyAsync());
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
