using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using WhetGateway.Idempotency.Protocols;

namespace WhetGateway.Idempotency.Responses;

/// <summary>
/// The gateway's own answers, in the Agent API's error envelope:
/// <c>{"error":{"type":"…","message":"…","param":"…"}}</c>.
/// </summary>
internal static class GatewayError
{
    public static Task WriteAsync(HttpContext context, GatewayProblem problem)
    {
        var response = context.Response;
        response.StatusCode = problem.StatusCode;
        response.ContentType = "application/json; charset=utf-8";
        SetRetryAfter(response, problem.RetryAfter);

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("error");
            writer.WriteString("type", problem.Type);
            writer.WriteString("message", problem.Message);
            if (problem.Param is not null)
            {
                writer.WriteString("param", problem.Param);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        response.ContentLength = buffer.Length;
        return response.Body.WriteAsync(buffer.GetBuffer(), 0, (int)buffer.Length, context.RequestAborted);
    }

    public static void SetRetryAfter(HttpResponse response, TimeSpan? retryAfter)
    {
        if (retryAfter is { } delay)
        {
            response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(delay.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }
    }
}
