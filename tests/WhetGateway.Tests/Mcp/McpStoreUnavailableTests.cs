using System.Net;
using WhetGateway.Tests.Gateway;
using WhetGateway.Tests.Infrastructure;

namespace WhetGateway.Tests.Mcp;

/// <summary>
/// An MCP endpoint whose gateway has lost its store: the gateway's refusals are JSON-RPC errors that say what and
/// why in <c>data</c>, while what the policy does not cover (notifications, batches) never touches the store and
/// passes through to the upstream.
/// </summary>
public sealed class McpStoreUnavailableTests : UpstreamTestBase
{
    private GatewayHost _gateway = null!;
    private HttpClient _client = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _gateway = await StartGatewayAsync(McpRoutes.Settings(GatewayHost.OnUnreachableRedis()));
        _client = _gateway.CreateClient();
    }

    public override async Task DisposeAsync()
    {
        _client.Dispose();
        await _gateway.DisposeAsync();
        await base.DisposeAsync();
    }

    [Fact]
    public async Task A_tool_call_refused_for_want_of_the_store_is_error_minus_32000_with_its_type_and_status_in_data()
    {
        using var response = await _client.SendAsync(McpRoutes.ToolCall(7, "create_pipeline", new { intent = "daily", idempotency_key = Requests.NewKey() }));
        var answer = await response.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), response.Headers.RetryAfter?.Delta);
        Assert.Equal(7, answer.GetProperty("id").GetInt32());
        McpRoutes.AssertRefusal(answer, -32000, "idempotency_unavailable", 503, param: null);
        Assert.Equal(0, Upstream.RequestsReceived);
    }

    [Fact]
    public async Task A_malformed_key_is_error_minus_32602_naming_the_argument_in_data()
    {
        using var response = await _client.SendAsync(McpRoutes.ToolCall(8, "create_pipeline", new { intent = "daily", idempotency_key = "short" }));

        McpRoutes.AssertRefusal(await response.ReadJsonAsync(), -32602, "validation_failed", 400, "idempotency_key");
        Assert.Equal(0, Upstream.RequestsReceived);
    }

    [Fact]
    public async Task A_notification_passes_through_to_the_upstream()
    {
        using var response = await _client.SendAsync(McpRoutes.ToolCall(id: null, "create_pipeline", new { intent = "daily", idempotency_key = Requests.NewKey() }));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(1, Upstream.RequestsReceived);
    }

    [Fact]
    public async Task A_batch_passes_through_to_the_upstream()
    {
        var calls = Enumerable.Range(1, 2).Select(id => McpRoutes.ToolCallJson(id, "create_pipeline", new { intent = "daily", idempotency_key = Requests.NewKey() }));
        using var response = await _client.SendAsync(Requests.Post("/mcp-json", $"[{string.Join(',', calls)}]"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(1, Upstream.RequestsReceived);
    }
}
