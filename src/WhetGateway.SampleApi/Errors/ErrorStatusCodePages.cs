using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.WebUtilities;

namespace WhetGateway.SampleApi.Errors;

/// <summary>
/// Gives body-less error responses produced by the framework (malformed JSON, unknown route,
/// wrong method or media type) the same error envelope as the endpoints use.
/// </summary>
internal static class ErrorStatusCodePages
{
    public static Task WriteEnvelopeAsync(StatusCodeContext context)
    {
        var response = context.HttpContext.Response;
        var (type, message) = response.StatusCode switch
        {
            StatusCodes.Status400BadRequest => ("invalid_request", "The request body is missing or is not valid JSON."),
            StatusCodes.Status404NotFound => ("not_found", "No endpoint matches this path."),
            StatusCodes.Status405MethodNotAllowed => ("method_not_allowed", "This path does not support the HTTP method."),
            StatusCodes.Status415UnsupportedMediaType => ("unsupported_media_type", "Send the request body as application/json."),
            _ => ("http_error", ReasonPhrases.GetReasonPhrase(response.StatusCode)),
        };
        return response.WriteAsJsonAsync(ErrorEnvelope.Of(type, message));
    }
}
