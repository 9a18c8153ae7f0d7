using System.Net;
using System.Text.Json;
using WhetGateway.Tests.Gateway;
using WhetGateway.Tests.Infrastructure;

namespace WhetGateway.Tests.Mcp;

/// <summary>Under <c>AtMostOnce</c>, an MCP tool call whose outcome is unknown answers a JSON-RPC error of the same type as REST's 409.</summary>
public sealed class McpAtMostOnceTests() : ScriptedUpstreamTestBase(listening: true)
{
    protected override IReadOnlyDictionary<string, string?> SettingOverrides => new Dictionary<string, string?>
    {
        [$"Idempotency:Policies:{GatewayHost.Policy}:Protocol"] = "Mcp",
        [$"Idempotency:Policies:{GatewayHost.Policy}:Tools:0"] = "create_pipeline",
        [$"Idempotency:Policies:{GatewayHost.Policy}:UpstreamTimeout"] = "00:00:01",
        [$"Idempotency:Policies:{GatewayHost.Policy}:Guarantee"] = "AtMostOnce",
    };

    [Fact]
    public async Task A_retried_tool_call_after_an_upstream_timeout_answers_a_JSON_RPC_outcome_unknown_error_without_calling_the_tool()
    {
        Upstream.FailNext(UpstreamFault.Hang);
        var key = Requests.NewKey();

        using var timedOut = await Client.SendAsync(Requests.Post("/pipelines/from-intent", ToolCall(1, key)));
        using var retry = await Client.SendAsync(Requests.Post("/pipelines/from-intent", ToolCall(2, key)));
        using var answer = JsonDocument.Parse(await retry.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(2, answer.RootElement.GetProperty("id").GetInt32());
        Assert.Equal("outcome_unknown", answer.RootElement.GetProperty("error").GetProperty("data").GetProperty("type").GetString());
        Assert.Equal(0, Upstream.Executions);
    }

    private static string ToolCall(int id, string key) => JsonSerializer.Serialize(new
    {
        jsonrpc = "2.0",
        id,
        method = "tools/call",
        @params = new { name = "create_pipeline", arguments = new { intent = "daily digest", idempotency_key = key } },
    });
}
