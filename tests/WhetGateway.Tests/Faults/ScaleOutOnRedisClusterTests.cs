using StackExchange.Redis;
using WhetGateway.Tests.Infrastructure;

namespace WhetGateway.Tests.Faults;

/// <summary>Three instances on a three-master Redis Cluster.</summary>
[Collection(RedisClusterCollection.Name)]
public sealed class ScaleOutOnRedisClusterTests(SharedRedisCluster redis) : ScaleOutSpec
{
    protected override string RedisConnectionString => redis.ConnectionString;

    [Fact]
    public async Task Records_of_different_keys_spread_over_all_three_masters()
    {
        await using var gateway = await StartGatewayAsync(GatewayHost.OnRedis(RedisConnectionString, KeyPrefix));
        using var client = gateway.CreateClient();
        for (var i = 0; i < 30; i++)
        {
            using var response = await client.SendAsync(Requests.Post("/pipelines/from-intent", Requests.CreatePipeline(Requests.NewKey())));
            response.EnsureSuccessStatusCode();
        }

        await using var connection = await ConnectionMultiplexer.ConnectAsync(RedisConnectionString);
        var recordsPerMaster = await Task.WhenAll(redis.Cluster.Nodes.Select(async node =>
            await connection.GetServer(node.ConnectionString).KeysAsync(pattern: KeyPrefix + "{*}:rec").CountAsync()));

        Assert.Equal(30, recordsPerMaster.Sum());
        Assert.All(recordsPerMaster, count => Assert.True(count > 0, $"a master holds no record: {string.Join(", ", recordsPerMaster)}"));
    }
}
