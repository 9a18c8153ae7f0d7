using System.Net;
using WhetGateway.Tests.Infrastructure;

namespace WhetGateway.Tests.Gateway;

/// <summary>Redis AUTH goes through the connection string: <c>requirepass</c>, an ACL user, and a wrong password failing closed.</summary>
public sealed class RedisAuthenticationTests : UpstreamTestBase
{
    private const string Password = "s3cret-redis-password";
    private const string KeyPrefix = "auth:";

    [Fact]
    public async Task A_gateway_with_the_requirepass_password_records_and_replays()
    {
        await using var redis = await RedisServerProcess.StartWithPasswordAsync(Password);

        await AssertRecordsAndReplaysAsync(redis.ConnectionString);
    }

    [Fact]
    public async Task A_gateway_connecting_as_an_ACL_user_limited_to_its_key_prefix_records_and_replays()
    {
        await using var redis = await RedisServerProcess.StartWithPasswordAsync(Password, user: "whet", userKeyPrefix: KeyPrefix);

        await AssertRecordsAndReplaysAsync(redis.ConnectionString);
    }

    [Fact]
    public async Task A_gateway_with_a_wrong_password_answers_503_without_calling_upstream()
    {
        await using var redis = await RedisServerProcess.StartWithPasswordAsync(Password);
        await using var gateway = await StartGatewayAsync(GatewayHost.OnRedis($"{redis.Endpoint},password=wrong", KeyPrefix));
        using var client = gateway.CreateClient();

        using var response = await client.CreatePipelineAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("idempotency_unavailable", await response.ReadErrorTypeAsync());
        Assert.Equal(0, Upstream.SideEffects.Total);
    }

    private async Task AssertRecordsAndReplaysAsync(string connectionString)
    {
        await using var gateway = await StartGatewayAsync(GatewayHost.OnRedis(connectionString, KeyPrefix));
        using var client = gateway.CreateClient();
        var body = Requests.CreatePipeline(Requests.NewKey());

        using var first = await client.CreatePipelineAsync(body);
        using var replay = await client.CreatePipelineAsync(body);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.True(replay.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(1, Upstream.SideEffects.Count("pipelines.create"));
    }
}
