using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using WhetGateway.Tests.Gateway;
using WhetGateway.Tests.Infrastructure;

namespace WhetGateway.Tests.Mcp;

/// <summary>
/// MCP tool calls through the gateway with the official MCP C# client: the same key, the same meaning as REST.
/// <c>/mcp</c> is the SDK's server (responses as event streams), <c>/mcp-json</c> answers as plain JSON.
/// </summary>
public sealed class McpGatewayTests : UpstreamTestBase
{
    private const string Policy = "mcp-tools";

    private GatewayHost _gateway = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var settings = new Dictionary<string, string?>
        {
            [$"Idempotency:Policies:{Policy}:Protocol"] = "Mcp",
            [$"Idempotency:Policies:{Policy}:Tools:0"] = "create_pipeline",
            [$"Idempotency:Policies:{Policy}:Tools:1"] = "publish_artifact",
        };
        foreach (var path in new[] { "/mcp", "/mcp-json" })
        {
            settings[$"ReverseProxy:Routes:{path}:ClusterId"] = "legacy";
            settings[$"ReverseProxy:Routes:{path}:Match:Path"] = path;
            settings[$"ReverseProxy:Routes:{path}:Metadata:IdempotencyPolicy"] = Policy;
        }

        _gateway = await StartGatewayAsync(settings);
    }

    public override async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await base.DisposeAsync();
    }

    [Theory]
    [InlineData("/mcp")]
    [InlineData("/mcp-json")]
    public async Task A_retried_tool_call_with_the_same_key_runs_once_and_both_calls_get_the_same_result(string endpoint)
    {
        await using var client = await ConnectAsync(endpoint);
        var arguments = CreatePipeline(Requests.NewKey());

        var first = await client.CallToolAsync("create_pipeline", arguments);
        var retry = await client.CallToolAsync("create_pipeline", arguments);

        Assert.Equal(Text(first), Text(retry));
        Assert.Equal(1, Upstream.SideEffects.Count("mcp.create_pipeline"));
    }

    [Fact]
    public async Task A_replay_reaches_a_new_session_of_the_same_caller()
    {
        var arguments = CreatePipeline(Requests.NewKey());
        await using var firstSession = await ConnectAsync("/mcp");
        var first = await firstSession.CallToolAsync("create_pipeline", arguments);
        await using var secondSession = await ConnectAsync("/mcp");

        var replay = await secondSession.CallToolAsync("create_pipeline", arguments);

        Assert.Equal(Text(first), Text(replay));
        Assert.Equal(1, Upstream.SideEffects.Count("mcp.create_pipeline"));
    }

    [Fact]
    public async Task Another_caller_with_the_same_key_gets_its_own_execution()
    {
        var arguments = CreatePipeline(Requests.NewKey());
        await using var alice = await ConnectAsync("/mcp", "Bearer alice");
        await using var bob = await ConnectAsync("/mcp", "Bearer bob");

        var forAlice = await alice.CallToolAsync("create_pipeline", arguments);
        var forBob = await bob.CallToolAsync("create_pipeline", arguments);

        Assert.NotEqual(Text(forAlice), Text(forBob));
        Assert.Equal(2, Upstream.SideEffects.Count("mcp.create_pipeline"));
    }

    [Theory]
    [InlineData("/mcp")]
    [InlineData("/mcp-json")]
    public async Task A_JSON_RPC_error_releases_the_claim_so_the_retry_runs(string endpoint)
    {
        await using var client = await ConnectAsync(endpoint);
        var arguments = new Dictionary<string, object?> { ["artifact_id"] = $"art_{Guid.NewGuid():N}", ["idempotency_key"] = Requests.NewKey() };

        await Assert.ThrowsAsync<McpProtocolException>(() => client.CallToolAsync("publish_artifact", arguments).AsTask());
        var retry = await client.CallToolAsync("publish_artifact", arguments);

        Assert.Contains("publication_id", Text(retry), StringComparison.Ordinal);
        Assert.Equal(1, Upstream.SideEffects.Count("mcp.publish_artifact"));
    }

    [Fact]
    public async Task A_malformed_key_is_refused_with_a_JSON_RPC_error_and_the_tool_never_runs()
    {
        await using var client = await ConnectAsync("/mcp");

        var refusal = await Assert.ThrowsAsync<McpProtocolException>(() => client.CallToolAsync("create_pipeline", CreatePipeline("too-short")).AsTask());

        Assert.Equal(McpErrorCode.InvalidParams, refusal.ErrorCode);
        Assert.Contains("idempotency_key", refusal.Message, StringComparison.Ordinal);
        Assert.Equal(0, Upstream.SideEffects.Count("mcp.create_pipeline"));
    }

    [Fact]
    public async Task The_same_key_with_other_arguments_is_refused_and_does_not_run()
    {
        await using var client = await ConnectAsync("/mcp");
        var key = Requests.NewKey();
        await client.CallToolAsync("create_pipeline", CreatePipeline(key));

        var refusal = await Assert.ThrowsAsync<McpProtocolException>(() =>
            client.CallToolAsync("create_pipeline", CreatePipeline(key, "a different intent")).AsTask());

        Assert.Contains("different", refusal.Message, StringComparison.Ordinal);
        Assert.Equal(1, Upstream.SideEffects.Count("mcp.create_pipeline"));
    }

    [Fact]
    public async Task A_tool_not_listed_in_the_policy_ignores_the_key()
    {
        await using var client = await ConnectAsync("/mcp");

        var result = await client.CallToolAsync("get_pipeline", new Dictionary<string, object?> { ["pipeline_id"] = "pl_x", ["idempotency_key"] = "short" });

        Assert.Equal("not found", Text(result));
    }

    private async Task<McpClient> ConnectAsync(string endpoint, string credential = GatewayHost.DefaultCredential)
    {
        var transport = new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = new Uri(_gateway.Address, endpoint),
            TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = credential },
        });
        return await McpClient.CreateAsync(transport);
    }

    private static Dictionary<string, object?> CreatePipeline(string key, string intent = "daily digest") =>
        new() { ["intent"] = intent, ["idempotency_key"] = key };

    private static string Text(CallToolResult result) => Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text;
}
