using Microsoft.AspNetCore.Http.HttpResults;

namespace WhetGateway.SampleApi.Errors;

/// <summary>Creates the error responses the sample API returns.</summary>
internal static class ApiErrors
{
    public static JsonHttpResult<ErrorEnvelope> InvalidRequest(string message) =>
        Create(StatusCodes.Status400BadRequest, "invalid_request", message);

    public static JsonHttpResult<ErrorEnvelope> NotFound(string message) =>
        Create(StatusCodes.Status404NotFound, "not_found", message);

    public static JsonHttpResult<ErrorEnvelope> ValidationFailed(string param, string message) =>
        Create(StatusCodes.Status422UnprocessableEntity, "validation_failed", message, param);

    public static JsonHttpResult<ErrorEnvelope> SampleFailure(int statusCode) =>
        Create(statusCode, "sample_failure", $"Failure with status {statusCode} requested by test hook; nothing was executed.");

    private static JsonHttpResult<ErrorEnvelope> Create(int statusCode, string type, string message, string? param = null) =>
        TypedResults.Json(ErrorEnvelope.Of(type, message, param), statusCode: statusCode);
}
