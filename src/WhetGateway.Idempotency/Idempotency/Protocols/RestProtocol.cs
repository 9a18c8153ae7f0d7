using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using WhetGateway.Configuration;
using WhetGateway.Idempotency.Errors;
using WhetGateway.Idempotency.Fingerprinting;
using WhetGateway.Idempotency.Keys;
using WhetGateway.Idempotency.Responses;
using WhetGateway.Json;
using WhetGateway.Routing;
using WhetGateway.Storage;

namespace WhetGateway.Idempotency.Protocols;

/// <summary>
/// REST: the key is a top-level JSON body field (or a header), the endpoint is the route matched (canonical path), errors use the
/// Agent API envelope or problem details (<see cref="IdempotencyErrorFormat"/>). A policy with a response cache identifies requests by the listed body fields instead, so
/// equal requests share one response whether or not they carry a key.
/// </summary>
/// <param name="errorFormat">The shape of the problems it writes.</param>
internal sealed class RestProtocol(IdempotencyErrorFormat errorFormat) : IIdempotencyProtocol
{
    public RequestIdentity Identify(IdempotencyContext context, ReadOnlyMemory<byte> payload)
    {
        var (request, policy) = (context.HttpContext.Request, context.Policy);
        var key = IdempotencyKeyReader.Read(payload.Span, request.Headers, policy);
        var endpoint = CanonicalEndpoint.Of(context.HttpContext);
        switch (key.Status)
        {
            case KeyReadStatus.MalformedBody:
                return RequestIdentity.Rejected(IdempotencyProblem.BodyNotJson(key.Error!));
            case KeyReadStatus.Invalid:
                return RequestIdentity.Rejected(IdempotencyProblem.KeyInvalid(key.Error!, key.Param!));
            case KeyReadStatus.Absent when policy.ResponseCache is null && policy.RequireKey:
                return RequestIdentity.Rejected(IdempotencyProblem.KeyMissing(policy.KeyField, "on this endpoint"));
            case KeyReadStatus.Absent when policy.ResponseCache is null:
                return RequestIdentity.PassThrough("no key");
        }

        if (policy.ResponseCache is { } cache)
        {
            return key.BodyIsJsonObject
                ? IdentifyByCacheFields(payload, cache.Fields, endpoint, policy.KeyField, request.QueryString.Value)
                : RequestIdentity.PassThrough("response cache needs a JSON object body");
        }

        var fingerprint = RequestFingerprinter.Compute(payload, key.BodyIsJsonObject, policy.KeyField, request.QueryString.Value ?? string.Empty);
        return RequestIdentity.Identified(endpoint, key.Key!, fingerprint);
    }

    public bool IsFailure(IdempotencyContext context, ReadOnlyMemory<byte> responseBody) => false;

    public Task WriteProblemAsync(IdempotencyContext context, IdempotencyProblem problem) => errorFormat == IdempotencyErrorFormat.ProblemDetails
        ? ProblemDetailsError.WriteAsync(context.HttpContext, problem)
        : GatewayError.WriteAsync(context.HttpContext, problem.ToEnvelope());

    public Task WriteReplayAsync(IdempotencyContext context, IdempotencyRecord record) => ReplayWriter.WriteAsync(context.HttpContext, record, record.Body);

    /// <summary>The cache identity: a fingerprint of the listed fields only (missing ones count as null).</summary>
    private static RequestIdentity IdentifyByCacheFields(ReadOnlyMemory<byte> payload, string[] fields, string endpoint, string keyField, string? query)
    {
        using var document = JsonDocument.Parse(payload, JsonLimits.DocumentOptions);
        var selected = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(selected))
        {
            writer.WriteStartObject();
            foreach (var field in fields)
            {
                writer.WritePropertyName(field);
                if (document.RootElement.TryGetProperty(field, out var value))
                {
                    value.WriteTo(writer);
                }
                else
                {
                    writer.WriteNullValue();
                }
            }

            writer.WriteEndObject();
        }

        var fingerprint = RequestFingerprinter.Compute(selected.WrittenMemory, bodyIsJsonObject: true, keyField, query ?? string.Empty);
        return RequestIdentity.IdentifiedByContent(endpoint, fingerprint);
    }
}
