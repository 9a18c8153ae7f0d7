using Microsoft.AspNetCore.Http;
using WhetGateway.Idempotency.Protocols;
using WhetGateway.Idempotency.RequestBody;
using WhetGateway.Json;
using WhetGateway.Storage;

namespace WhetGateway.Idempotency.Errors;

/// <summary>
/// One <see cref="IdempotencyError"/> raised for one request, with its message filled in. The only place an error's
/// status, Agent API type and message template are written down: the engine raises errors through the factories
/// here, and every protocol's writer reads them from here.
/// </summary>
internal sealed class IdempotencyProblem
{
    private const string ValidationFailed = "validation_failed";

    private IdempotencyProblem(IdempotencyError error, string message, string? param = null, TimeSpan? retryAfter = null, int? statusCode = null)
    {
        Error = error;
        Message = message;
        Param = param;
        RetryAfter = retryAfter;
        StatusCode = statusCode ?? StatusOf(error);
    }

    public IdempotencyError Error { get; }

    /// <summary>The HTTP status of a REST answer.</summary>
    public int StatusCode { get; }

    /// <summary>The Agent API error type: <c>validation_failed</c>, <c>not_found</c>, <c>request_in_progress</c>, ….</summary>
    public string Type => TypeOf(Error);

    /// <summary>Whether the request itself is at fault (<c>validation_failed</c>), rather than its key's state or the engine.</summary>
    public bool IsInvalidRequest => Type == ValidationFailed;

    /// <summary>A sentence for the caller.</summary>
    public string Message { get; }

    /// <summary>The request field at fault, if any.</summary>
    public string? Param { get; }

    /// <summary>When a retry may succeed, if it may.</summary>
    public TimeSpan? RetryAfter { get; }

    public static IdempotencyProblem BodyUnreadable(BadHttpRequestException exception) =>
        new(IdempotencyError.BodyUnreadable, $"The request body could not be read: {exception.Message}", statusCode: exception.StatusCode);

    public static IdempotencyProblem BodyTooLarge(long maxBytes) =>
        new(IdempotencyError.BodyTooLarge, $"The request body exceeds {maxBytes} bytes, the most this endpoint accepts.");

    public static IdempotencyProblem DecodedBodyTooLarge(long maxBytes) =>
        new(IdempotencyError.DecodedBodyTooLarge, $"The decoded request body exceeds {maxBytes} bytes (all its content codings together), the most this endpoint accepts.");

    public static IdempotencyProblem BodyNotDecodable(string contentEncoding) =>
        new(IdempotencyError.BodyNotDecodable, $"The request body is not valid {contentEncoding} content.");

    public static IdempotencyProblem TooManyContentCodings() =>
        new(IdempotencyError.TooManyContentCodings,
            $"Content-Encoding lists more than {RequestContentDecoder.MaxCodings} content codings, the most this endpoint decodes; use at most {RequestContentDecoder.MaxCodings} of {RequestContentDecoder.Supported}.");

    public static IdempotencyProblem UnsupportedContentEncoding(string contentEncoding) =>
        new(IdempotencyError.UnsupportedContentEncoding,
            $"This endpoint reads the idempotency key inside the body, and cannot decode Content-Encoding {contentEncoding}; use {RequestContentDecoder.Supported}, or none.");

    public static IdempotencyProblem BodyTooDeep() =>
        new(IdempotencyError.BodyTooDeep, $"The request body nests JSON deeper than {JsonLimits.MaxDepth} levels, the most this endpoint reads.");

    /// <param name="message">What the key reader found wrong.</param>
    public static IdempotencyProblem BodyNotJson(string message) => new(IdempotencyError.BodyNotJson, message);

    /// <param name="message">What is wrong with the key.</param>
    /// <param name="param">Where the key was: the body field, an argument, or a header.</param>
    public static IdempotencyProblem KeyInvalid(string message, string param) => new(IdempotencyError.KeyInvalid, message, param);

    /// <param name="keyField">The field the key belongs in.</param>
    /// <param name="where">Where it is required: <c>on this endpoint</c>, <c>for tool</c>.</param>
    public static IdempotencyProblem KeyMissing(string keyField, string where) =>
        new(IdempotencyError.KeyMissing, $"{keyField} is required {where}.", keyField);

    public static IdempotencyProblem FingerprintMismatch(string keyField) =>
        new(IdempotencyError.FingerprintMismatch, "This idempotency key was already used with a different request body.", keyField);

    public static IdempotencyProblem RequestInProgress(string keyField, TimeSpan? leaseRemaining) =>
        new(IdempotencyError.RequestInProgress, "The original request with this key is still running; retry with the same key.", keyField, leaseRemaining);

    /// <param name="timeout">The policy's upstream timeout.</param>
    /// <param name="outcomeUnknown">Whether the key became <c>outcome_unknown</c> rather than released.</param>
    public static IdempotencyProblem UpstreamTimeout(TimeSpan timeout, bool outcomeUnknown) =>
        new(IdempotencyError.UpstreamTimeout, $"The upstream did not answer within {timeout}. " + (outcomeUnknown
            ? "Whether it acted is unknown: a retry with the same key answers 409 outcome_unknown; check the resource instead."
            : "Nothing was recorded: a retry with the same key runs the request again."));

    public static IdempotencyProblem ResourceDeleted() =>
        new(IdempotencyError.ResourceDeleted, "The resource this request created has been deleted; its result is gone.");

    public static IdempotencyProblem OutcomeUnknown(string keyField) =>
        new(IdempotencyError.OutcomeUnknown,
            "The original request with this key may or may not have taken effect (the upstream timed out or failed mid-call, or the gateway "
            + "handling it stopped), and it will not run again. Check the resource before acting; do not retry blindly with a new key. "
            + "An operator can forget this key to let it run again.", keyField);

    public static IdempotencyProblem ResponseNotReplayable(IdempotencyRecord record, int maxRecordedBytes, string keyField) =>
        new(IdempotencyError.ResponseNotReplayable,
            $"The original request completed with status {record.StatusCode}, but its {record.OriginalBodyLength}-byte response "
            + $"exceeded the {maxRecordedBytes}-byte recording limit. It will not run again.", keyField);

    public static IdempotencyProblem StoreUnavailable() =>
        new(IdempotencyError.StoreUnavailable, "The idempotency store is unavailable, so this request was not forwarded. Retry with the same key.",
            retryAfter: TimeSpan.FromSeconds(1));

    /// <summary>The problem in the Agent API envelope's terms.</summary>
    public GatewayProblem ToEnvelope() => new(StatusCode, Type, Message, Param, RetryAfter);

    private static int StatusOf(IdempotencyError error) => error switch
    {
        IdempotencyError.BodyTooLarge or IdempotencyError.DecodedBodyTooLarge => StatusCodes.Status413PayloadTooLarge,
        IdempotencyError.TooManyContentCodings or IdempotencyError.UnsupportedContentEncoding => StatusCodes.Status415UnsupportedMediaType,
        IdempotencyError.FingerprintMismatch => StatusCodes.Status422UnprocessableEntity,
        IdempotencyError.RequestInProgress or IdempotencyError.OutcomeUnknown or IdempotencyError.ResponseNotReplayable => StatusCodes.Status409Conflict,
        IdempotencyError.UpstreamTimeout => StatusCodes.Status504GatewayTimeout,
        IdempotencyError.ResourceDeleted => StatusCodes.Status404NotFound,
        IdempotencyError.StoreUnavailable => StatusCodes.Status503ServiceUnavailable,
        IdempotencyError.BodyUnreadable or IdempotencyError.BodyNotDecodable or IdempotencyError.BodyTooDeep or IdempotencyError.BodyNotJson
            or IdempotencyError.KeyInvalid or IdempotencyError.KeyMissing => StatusCodes.Status400BadRequest,
        _ => throw new ArgumentOutOfRangeException(nameof(error), error, null),
    };

    private static string TypeOf(IdempotencyError error) => error switch
    {
        IdempotencyError.BodyTooLarge or IdempotencyError.DecodedBodyTooLarge => "payload_too_large",
        IdempotencyError.TooManyContentCodings or IdempotencyError.UnsupportedContentEncoding => "unsupported_content_encoding",
        IdempotencyError.RequestInProgress => "request_in_progress",
        IdempotencyError.UpstreamTimeout => "upstream_timeout",
        IdempotencyError.ResourceDeleted => "not_found",
        IdempotencyError.OutcomeUnknown => "outcome_unknown",
        IdempotencyError.ResponseNotReplayable => "response_not_replayable",
        IdempotencyError.StoreUnavailable => "idempotency_unavailable",
        IdempotencyError.BodyUnreadable or IdempotencyError.BodyNotDecodable or IdempotencyError.BodyTooDeep or IdempotencyError.BodyNotJson
            or IdempotencyError.KeyInvalid or IdempotencyError.KeyMissing or IdempotencyError.FingerprintMismatch => ValidationFailed,
        _ => throw new ArgumentOutOfRangeException(nameof(error), error, null),
    };
}
