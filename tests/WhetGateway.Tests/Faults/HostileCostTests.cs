using System.Net;
using System.Text;
using StackExchange.Redis;
using WhetGateway.Tests.Gateway;
using WhetGateway.Tests.Infrastructure;

namespace WhetGateway.Tests.Faults;

/// <summary>
/// What one request from a caller nobody knows costs the shared store, counted by Redis itself (the commands its
/// clients sent, each one round trip) on a Redis of its own: a request without a credential, or one the gateway refuses, costs no store call at all; a
/// made-up credential's first use costs a begin, a tie per resource and a complete, and its replay one call. These
/// are the figures docs/guarantees.md publishes.
/// </summary>
public sealed class HostileCostTests : UpstreamTestBase
{
    private RedisServerProcess _redis = null!;
    private GatewayHost _gateway = null!;
    private HttpClient _anonymous = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _redis = await RedisServerProcess.StartAsync();
        _gateway = await StartGatewayAsync(GatewayHost.OnRedis(_redis.ConnectionString, "whet:"));
        _anonymous = _gateway.CreateClient(credential: null);
    }

    public override async Task DisposeAsync()
    {
        _anonymous.Dispose();
        await _gateway.DisposeAsync();
        await _redis.DisposeAsync();
        await base.DisposeAsync();
    }

    [Fact]
    public async Task A_keyed_request_without_a_credential_costs_no_store_call()
    {
        var calls = await StoreCallsAsync(() => SendAsync(Requests.CreatePipeline(Requests.NewKey()), credential: null, HttpStatusCode.Created));

        Assert.Equal(0, calls);
    }

    [Theory]
    [InlineData("short key")]
    [InlineData("oversize body")]
    [InlineData("too deep")]
    [InlineData("malformed")]
    public async Task A_request_the_gateway_refuses_costs_no_store_call(string attempt)
    {
        var body = attempt switch
        {
            "short key" => Requests.CreatePipeline("fifteen-chars-k"),
            "oversize body" => Requests.CreatePipeline(Requests.NewKey(), intent: new string('x', 2 * 1024 * 1024)),
            "too deep" => "{\"idempotency_key\":\"" + Requests.NewKey() + "\",\"x\":" + new string('[', 100) + new string(']', 100) + "}",
            _ => "{\"idempotency_key\":\"" + Requests.NewKey() + "\",",
        };

        var calls = await StoreCallsAsync(() => SendAsync(body, "Bearer made-up-" + Guid.NewGuid(), expected: null));

        Assert.Equal(0, calls);
    }

    [Fact]
    public async Task A_made_up_credentials_first_use_costs_a_begin_a_tie_per_resource_and_a_complete_and_its_replay_one_call()
    {
        var credential = "Bearer made-up-" + Guid.NewGuid();
        var body = Requests.CreatePipeline(Requests.NewKey());

        var firstUse = await StoreCallsAsync(() => SendAsync(body, credential, HttpStatusCode.Created));
        var replay = await StoreCallsAsync(() => SendAsync(body, credential, HttpStatusCode.Created));

        Assert.Equal(4, firstUse);
        Assert.Equal(1, replay);
    }

    private async Task SendAsync(string body, string? credential, HttpStatusCode? expected)
    {
        using var response = await _anonymous.SendAsync(Requests.Post("/pipelines/from-intent", body, credential is null ? [] : [("Authorization", credential)]));
        if (expected is { } status)
        {
            Assert.Equal(status, response.StatusCode);
        }
        else
        {
            Assert.InRange((int)response.StatusCode, 400, 499);
        }
    }

    /// <summary>The calls the store made while <paramref name="action"/> ran, as Redis logged them: its round trips.</summary>
    private async Task<long> StoreCallsAsync(Func<Task> action)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(_redis.ConnectionString + ",allowAdmin=true");
        var log = await RedisCommandLog.StartAsync(connection.GetServers().Single());
        await action();
        return (await log.ReadAsync()).Count;
    }
}
