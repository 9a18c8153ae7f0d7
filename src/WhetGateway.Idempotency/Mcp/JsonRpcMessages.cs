using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using WhetGateway.Json;

namespace WhetGateway.Mcp;

/// <summary>
/// The JSON-RPC messages in an MCP response body, sent as <c>application/json</c> (one message) or as
/// <c>text/event-stream</c> (one message per <c>data:</c> line): reading their outcome, and giving them a new id.
/// </summary>
internal static class JsonRpcMessages
{
    private const string DataPrefix = "data:";

    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// Whether the response to request <paramref name="requestId"/> is a failure not worth recording: a JSON-RPC
    /// error, a tool result with <c>isError</c> (unless recorded by policy), or no response at all.
    /// </summary>
    public static bool IsFailure(ReadOnlyMemory<byte> body, bool eventStream, string requestId, bool recordToolErrors)
    {
        foreach (var message in Messages(body, eventStream))
        {
            if (message is not JsonObject response || response["id"]?.ToJsonString() != requestId)
            {
                continue;
            }

            if (response["error"] is not null)
            {
                return true;
            }

            return !recordToolErrors && response["result"] is JsonObject result && result["isError"]?.GetValueKind() == JsonValueKind.True;
        }

        return true;
    }

    /// <summary>The body with every response message's id replaced by <paramref name="newId"/>; other bytes kept.</summary>
    public static byte[] WithId(ReadOnlyMemory<byte> body, bool eventStream, string newId)
    {
        if (!eventStream)
        {
            return Parse(Encoding.UTF8.GetString(body.Span)) is JsonObject message ? Encoding.UTF8.GetBytes(Rewrite(message, newId)) : body.ToArray();
        }

        var lines = Encoding.UTF8.GetString(body.Span).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].StartsWith(DataPrefix, StringComparison.Ordinal) && Parse(lines[i][DataPrefix.Length..]) is JsonObject message && message.ContainsKey("id"))
            {
                lines[i] = DataPrefix + " " + Rewrite(message, newId) + (lines[i].EndsWith('\r') ? "\r" : string.Empty);
            }
        }

        return Encoding.UTF8.GetBytes(string.Join('\n', lines));
    }

    private static IEnumerable<JsonNode?> Messages(ReadOnlyMemory<byte> body, bool eventStream)
    {
        var text = Encoding.UTF8.GetString(body.Span);
        return eventStream
            ? text.Split('\n').Where(line => line.StartsWith(DataPrefix, StringComparison.Ordinal)).Select(line => Parse(line[DataPrefix.Length..]))
            : [Parse(text)];
    }

    private static string Rewrite(JsonObject message, string newId)
    {
        message["id"] = JsonNode.Parse(newId, documentOptions: JsonLimits.DocumentOptions);
        return message.ToJsonString(Relaxed);
    }

    private static JsonNode? Parse(string json)
    {
        try
        {
            return JsonNode.Parse(json, documentOptions: JsonLimits.DocumentOptions);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
