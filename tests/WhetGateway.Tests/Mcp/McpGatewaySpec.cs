using System.Net;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using WhetGateway.Tests.Gateway;
using WhetGateway.Tests.Infrastructure;

namespace WhetGateway.Tests.Mcp;

/// <summary>
/// MCP tool calls through the gateway with the official MCP C# client: the same key, the same meaning as REST; it runs
/// once per store. <c>/mcp</c> is the SDK's server (responses as event streams), <c>/mcp-json</c> answers as plain JSON.
/// </summary>
public abstract class McpGatewaySpec : UpstreamTestBase
{
    private GatewayHost _gateway = null!;

    /// <summary>Settings that put the gateways of a test on the store under test.</summary>
    protected virtual IReadOnlyDictionary<string, string?> StoreSettings => new Dictionary<string, string?>();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _gateway = await StartGatewayAsync(McpRoutes.Settings(StoreSettings));
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
    public async Task Two_tools_called_with_one_key_are_two_executions()
    {
        await using var client = await ConnectAsync("/mcp");
        var key = Requests.NewKey();

        var pipeline = await client.CallToolAsync("create_pipeline", CreatePipeline(key));
        var draft = await client.CallToolAsync("create_draft", Draft(key, "hello"));

        Assert.Contains("pipeline_id", Text(pipeline), StringComparison.Ordinal);
        Assert.Contains("draft_id", Text(draft), StringComparison.Ordinal);
        Assert.Equal(1, Upstream.SideEffects.Count("mcp.create_pipeline"));
        Assert.Equal(1, Upstream.SideEffects.Count("mcp.create_draft"));
    }

    [Theory]
    [InlineData("/mcp")]
    [InlineData("/mcp-json")]
    public async Task A_tool_error_releases_the_claim_so_the_retry_runs_again(string endpoint)
    {
        await using var client = await ConnectAsync(endpoint);

        var (first, retry) = await DraftAnEmptyTextTwiceAsync(client);

        Assert.NotEqual(Text(first), Text(retry));
    }

    [Theory]
    [InlineData("/mcp")]
    [InlineData("/mcp-json")]
    public async Task With_RecordToolErrors_a_tool_error_is_recorded_and_replayed(string endpoint)
    {
        await using var gateway = await StartGatewayAsync(McpRoutes.Settings(StoreSettings, ("RecordToolErrors", "true")));
        await using var client = await ConnectAsync(endpoint, gateway: gateway);

        var (first, replay) = await DraftAnEmptyTextTwiceAsync(client);

        Assert.Equal(Text(first), Text(replay));
    }

    [Fact]
    public async Task Other_arguments_under_a_used_key_are_refused_with_code_minus_32602_and_the_refusal_in_data()
    {
        using var http = _gateway.CreateClient();
        var key = Requests.NewKey();
        using var first = await http.SendAsync(McpRoutes.ToolCall(1, "create_pipeline", new { intent = "daily", idempotency_key = key }));
        using var other = await http.SendAsync(McpRoutes.ToolCall(2, "create_pipeline", new { intent = "weekly", idempotency_key = key }));
        var answer = await other.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.Equal(2, answer.GetProperty("id").GetInt32());
        McpRoutes.AssertRefusal(answer, -32602, "validation_failed", 422, "idempotency_key");
        Assert.Equal(1, Upstream.SideEffects.Count("mcp.create_pipeline"));
    }

    [Fact]
    public async Task A_tool_not_listed_in_the_policy_ignores_the_key()
    {
        await using var client = await ConnectAsync("/mcp");

        var result = await client.CallToolAsync("get_pipeline", new Dictionary<string, object?> { ["pipeline_id"] = "pl_x", ["idempotency_key"] = "short" });

        Assert.Equal("not found", Text(result));
    }

    private async Task<McpClient> ConnectAsync(string endpoint, string credential = GatewayHost.DefaultCredential, GatewayHost? gateway = null)
    {
        var transport = new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = new Uri((gateway ?? _gateway).Address, endpoint),
            TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = credential },
        });
        return await McpClient.CreateAsync(transport);
    }

    private static Dictionary<string, object?> CreatePipeline(string key, string intent = "daily digest") =>
        new() { ["intent"] = intent, ["idempotency_key"] = key };

    /// <summary>Calls <c>create_draft</c> twice with one key and an empty text: a tool error each time the tool runs.</summary>
    private static async Task<(CallToolResult First, CallToolResult Retry)> DraftAnEmptyTextTwiceAsync(McpClient client)
    {
        var arguments = Draft(Requests.NewKey(), text: "");
        var first = await client.CallToolAsync("create_draft", arguments);
        var retry = await client.CallToolAsync("create_draft", arguments);
        Assert.True(first.IsError);
        Assert.True(retry.IsError);
        return (first, retry);
    }

    /// <summary>Arguments of <c>create_draft</c>, which answers a tool error (with a fresh error id) when the text is empty.</summary>
    private static Dictionary<string, object?> Draft(string key, string text) =>
        new() { ["post_id"] = "post_1", ["text"] = text, ["idempotency_key"] = key };

    private static string Text(CallToolResult result) => Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text;
}
