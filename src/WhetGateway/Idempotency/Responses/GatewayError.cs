using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace WhetGateway.Idempotency.Responses;

/// <summary>
/// The gateway's own answers, in the Agent API's error envelope:
/// <c>{"error":{"type":"…","message":"…","param":"…"}}</c>.
/// </summary>
internal static class GatewayError
{
    public static Task WriteAsync(HttpContext context, int statusCode, string type, string message, string? param = null, TimeSpan? retryAfter = null)
    {
        var response = context.Response;
        response.StatusCode = statusCode;
        response.ContentType = "application/json; charset=utf-8";
        if (retryAfter is { } delay)
        {
            response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(delay.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("error");
            writer.WriteString("type", type);
            writer.WriteString("message", message);
            if (param is not null)
            {
                writer.WriteString("param", param);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        response.ContentLength = buffer.Length;
        return response.Body.WriteAsync(buffer.GetBuffer(), 0, (int)buffer.Length, context.RequestAborted);
    }
}
