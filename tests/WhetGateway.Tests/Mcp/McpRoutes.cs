using System.Text.Json;
using WhetGateway.Tests.Infrastructure;

namespace WhetGateway.Tests.Mcp;

/// <summary>The sample's MCP endpoints behind an MCP policy, and raw JSON-RPC to send them and read their refusals.</summary>
internal static class McpRoutes
{
    public const string Policy = "mcp-tools";

    /// <summary>
    /// <c>/mcp</c> and <c>/mcp-json</c> under a policy for <c>create_pipeline</c>, <c>publish_artifact</c> and
    /// <c>create_draft</c>, on top of <paramref name="store"/>, with <paramref name="policy"/> settings added.
    /// </summary>
    public static Dictionary<string, string?> Settings(IReadOnlyDictionary<string, string?> store, params (string Name, string Value)[] policy)
    {
        var settings = new Dictionary<string, string?>(store)
        {
            [$"Idempotency:Policies:{Policy}:Protocol"] = "Mcp",
            [$"Idempotency:Policies:{Policy}:Tools:0"] = "create_pipeline",
            [$"Idempotency:Policies:{Policy}:Tools:1"] = "publish_artifact",
            [$"Idempotency:Policies:{Policy}:Tools:2"] = "create_draft",
        };
        foreach (var (name, value) in policy)
        {
            settings[$"Idempotency:Policies:{Policy}:{name}"] = value;
        }

        foreach (var path in new[] { "/mcp", "/mcp-json" })
        {
            settings[$"ReverseProxy:Routes:{path}:ClusterId"] = "legacy";
            settings[$"ReverseProxy:Routes:{path}:Match:Path"] = path;
            settings[$"ReverseProxy:Routes:{path}:Metadata:IdempotencyPolicy"] = Policy;
        }

        return settings;
    }

    /// <summary>A JSON-RPC <c>tools/call</c> to <c>/mcp-json</c>; a notification (no id) when <paramref name="id"/> is null.</summary>
    public static HttpRequestMessage ToolCall(int? id, string tool, object arguments) => Requests.Post("/mcp-json", ToolCallJson(id, tool, arguments));

    public static string ToolCallJson(int? id, string tool, object arguments) => id is null
        ? JsonSerializer.Serialize(new { jsonrpc = "2.0", method = "tools/call", @params = new { name = tool, arguments } })
        : JsonSerializer.Serialize(new { jsonrpc = "2.0", id, method = "tools/call", @params = new { name = tool, arguments } });

    /// <summary>Asserts a JSON-RPC error answer is the gateway's refusal: its code, and <c>data.type</c>, <c>data.status</c> and <c>data.param</c>.</summary>
    public static void AssertRefusal(JsonElement answer, int code, string type, int status, string? param)
    {
        var error = answer.GetProperty("error");
        var data = error.GetProperty("data");
        Assert.Equal(code, error.GetProperty("code").GetInt32());
        Assert.Equal(type, data.GetProperty("type").GetString());
        Assert.Equal(status, data.GetProperty("status").GetInt32());
        Assert.Equal(param, data.TryGetProperty("param", out var named) ? named.GetString() : null);
    }
}
