using System.Text.Json;

namespace WhetGateway.Mcp;

/// <summary>The parts of a JSON-RPC <c>tools/call</c> request the gateway needs.</summary>
/// <param name="Id">The request id as JSON text (a string or a number).</param>
/// <param name="Tool">The tool's name.</param>
/// <param name="Arguments">The tool's arguments (an object, or undefined when absent).</param>
internal readonly record struct McpToolCall(string Id, string Tool, JsonElement Arguments)
{
    /// <summary>Reads a single JSON-RPC request; null for anything else (a batch, a notification, another method, bad JSON).</summary>
    public static McpToolCall? TryRead(JsonDocument document)
    {
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("method", out var method) || !method.ValueEquals("tools/call")
            || !root.TryGetProperty("id", out var id) || id.ValueKind is not (JsonValueKind.String or JsonValueKind.Number)
            || !root.TryGetProperty("params", out var parameters) || parameters.ValueKind != JsonValueKind.Object
            || !parameters.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        parameters.TryGetProperty("arguments", out var arguments);
        return new McpToolCall(id.GetRawText(), name.GetString()!, arguments);
    }
}
