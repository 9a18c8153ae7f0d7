using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace WhetGateway.SampleApi.Mcp;

/// <summary>
/// A minimal stateless MCP endpoint that answers every request as <c>application/json</c> (the SDK's server streams
/// events), so the gateway can be shown to record and replay both response modes. It serves the same tools.
/// </summary>
internal static class JsonModeMcpEndpoint
{
    public static IEndpointRouteBuilder MapJsonModeMcp(this IEndpointRouteBuilder app, string pattern)
    {
        app.MapPost(pattern, HandleAsync);
        return app;
    }

    private static async Task<IResult> HandleAsync(HttpRequest request, SampleTools tools)
    {
        JsonObject? message;
        try
        {
            message = await JsonNode.ParseAsync(request.Body) as JsonObject;

            // Reading the members decodes their names: a repeated or undecodable one throws here rather than later.
            _ = message?.Count;
        }
        catch (Exception exception) when (exception is JsonException or ArgumentException or InvalidOperationException)
        {
            return Error(null, (int)McpErrorCode.ParseError, "Parse error.");
        }

        var id = message?["id"]?.DeepClone();
        if (message is null || id is null)
        {
            return Results.Accepted();
        }

        try
        {
            var result = (string?)message["method"] switch
            {
                "initialize" => new JsonObject
                {
                    ["protocolVersion"] = message["params"]?["protocolVersion"]?.DeepClone(),
                    ["capabilities"] = new JsonObject { ["tools"] = new JsonObject() },
                    ["serverInfo"] = new JsonObject { ["name"] = "sample-json-mode", ["version"] = "1.0" },
                },
                "tools/call" => CallTool(tools, message["params"] as JsonObject),
                "ping" => new JsonObject(),
                _ => throw new McpProtocolException("Method not found.", McpErrorCode.MethodNotFound),
            };
            return Results.Json(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["result"] = result });
        }
        catch (McpProtocolException exception)
        {
            return Error(id, (int)exception.ErrorCode, exception.Message);
        }
    }

    /// <summary>A JSON-RPC error response; <paramref name="id"/> is null when the request's could not be read.</summary>
    private static IResult Error(JsonNode? id, int code, string message) =>
        Results.Json(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["error"] = new JsonObject { ["code"] = code, ["message"] = message } });

    private static JsonNode? CallTool(SampleTools tools, JsonObject? parameters)
    {
        var arguments = parameters?["arguments"] as JsonObject ?? [];
        string? Argument(string name) => (string?)arguments[name];
        var result = (string?)parameters?["name"] switch
        {
            "create_pipeline" => Text(tools.CreatePipeline(Argument("intent") ?? string.Empty, Argument("handle"), Argument("idempotency_key"))),
            "publish_artifact" => Text(tools.PublishArtifact(Argument("artifact_id") ?? string.Empty, Argument("idempotency_key"))),
            "create_draft" => tools.CreateDraft(Argument("post_id") ?? string.Empty, Argument("text") ?? string.Empty, Argument("idempotency_key")),
            _ => throw new McpProtocolException("Unknown tool.", McpErrorCode.InvalidParams),
        };
        return JsonSerializer.SerializeToNode(result, McpJsonUtilities.DefaultOptions);
    }

    private static CallToolResult Text(string text) => new() { Content = [new TextContentBlock { Text = text }], IsError = false };
}
