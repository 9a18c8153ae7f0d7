using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using WhetGateway.Idempotency;
using WhetGateway.Idempotency.Errors;
using WhetGateway.Idempotency.Fingerprinting;
using WhetGateway.Idempotency.Keys;
using WhetGateway.Idempotency.Protocols;
using WhetGateway.Idempotency.Responses;
using WhetGateway.Json;
using WhetGateway.Routing;
using WhetGateway.Storage;

namespace WhetGateway.Mcp;

/// <summary>
/// MCP over streamable HTTP. A JSON-RPC <c>tools/call</c> of a listed tool carries the key among its arguments,
/// with the same rules as REST; the endpoint is the route path plus the tool, so a replay works from any session
/// of the same scope. The fingerprint covers the tool and its arguments without the key (never the JSON-RPC id).
/// Notifications, batches, other methods and unlisted tools pass through. A JSON-RPC error (or a tool error,
/// unless recorded by policy) releases the claim. Problems are answered as JSON-RPC errors, and a replay carries
/// the new request's id, whether the response was sent as JSON or as an event stream.
/// </summary>
internal sealed class McpProtocol : IIdempotencyProtocol
{
    private const int InvalidParams = -32602;
    private const int ServerError = -32000;

    public RequestIdentity Identify(IdempotencyContext context, ReadOnlyMemory<byte> payload)
    {
        var policy = context.Policy;
        using var document = TryParse(payload);
        if (document is null || McpToolCall.TryRead(document) is not { } call || !policy.Tools.Contains(call.Tool))
        {
            return RequestIdentity.PassThrough("not a tools/call of an idempotent tool");
        }

        var keys = call.Arguments.ValueKind == JsonValueKind.Object
            ? call.Arguments.EnumerateObject().Where(argument => argument.NameEquals(policy.KeyField)).ToList()
            : [];
        var endpoint = $"{CanonicalEndpoint.Of(context.HttpContext)}#tools/call:{call.Tool}";
        switch (keys.Count)
        {
            case 0 when policy.RequireKey:
                return RequestIdentity.Rejected(IdempotencyProblem.KeyMissing(policy.KeyField, $"for {call.Tool}"), call.Id);
            case 0:
                return RequestIdentity.PassThrough("no key");
            case > 1:
                return Rejected($"{policy.KeyField} is given more than once.", policy, call);
        }

        if (keys[0].Value.ValueKind != JsonValueKind.String)
        {
            return Rejected($"{policy.KeyField} must be a string.", policy, call);
        }

        var key = IdempotencyKeyReader.Validate(keys[0].Value.GetString()!, policy, policy.KeyField, bodyIsJsonObject: true);
        return key.Status == KeyReadStatus.Valid
            ? RequestIdentity.Identified(endpoint, key.Key!, Fingerprint(call, policy.KeyField), call.Id)
            : Rejected(key.Error!, policy, call);
    }

    public bool IsFailure(IdempotencyContext context, ReadOnlyMemory<byte> responseBody) =>
        JsonRpcMessages.IsFailure(responseBody, IsEventStream(context.HttpContext.Response.ContentType), context.Request!.JsonRpcId!, context.Policy.RecordToolErrors);

    /// <summary>A JSON-RPC error with the request's id, in an HTTP 200 as JSON-RPC answers go.</summary>
    public Task WriteProblemAsync(IdempotencyContext context, IdempotencyProblem problem) =>
        GatewayError.WriteJsonAsync(context.HttpContext, StatusCodes.Status200OK, problem.RetryAfter, writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("jsonrpc", "2.0");
            writer.WritePropertyName("id");
            writer.WriteRawValue(context.Request?.JsonRpcId ?? "null");
            writer.WriteStartObject("error");
            writer.WriteNumber("code", problem.IsInvalidRequest ? InvalidParams : ServerError);
            writer.WriteString("message", problem.Message);
            writer.WriteStartObject("data");
            writer.WriteString("type", problem.Type);
            writer.WriteNumber("status", problem.StatusCode);
            if (problem.Param is not null)
            {
                writer.WriteString("param", problem.Param);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndObject();
        });

    public Task WriteReplayAsync(IdempotencyContext context, IdempotencyRecord record)
    {
        var eventStream = record.Headers.Any(header => header.Name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase) && header.Values.Any(IsEventStream));
        return ReplayWriter.WriteAsync(context.HttpContext, record, JsonRpcMessages.WithId(record.Body, eventStream, context.Request!.JsonRpcId!));
    }

    private static bool IsEventStream(string? contentType) => contentType?.StartsWith("text/event-stream", StringComparison.OrdinalIgnoreCase) == true;

    private static RequestIdentity Rejected(string message, IdempotencyPolicy policy, McpToolCall call) =>
        RequestIdentity.Rejected(IdempotencyProblem.KeyInvalid(message, policy.KeyField), call.Id);

    /// <summary>SHA-256 over the canonical form of { tool, arguments without the key }.</summary>
    private static Storage.Fingerprint Fingerprint(McpToolCall call, string keyField)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("tool", call.Tool);
            writer.WriteStartObject("arguments");
            if (call.Arguments.ValueKind == JsonValueKind.Object)
            {
                foreach (var argument in call.Arguments.EnumerateObject().Where(argument => !argument.NameEquals(keyField)))
                {
                    argument.WriteTo(writer);
                }
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return RequestFingerprinter.Compute(buffer.WrittenMemory, bodyIsJsonObject: true, keyField, string.Empty);
    }

    private static JsonDocument? TryParse(ReadOnlyMemory<byte> payload)
    {
        try
        {
            return JsonDocument.Parse(payload, JsonLimits.DocumentOptions);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
