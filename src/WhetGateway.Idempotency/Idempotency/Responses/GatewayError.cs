using System.Buffers;
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
    public static Task WriteAsync(HttpContext context, GatewayProblem problem) =>
        WriteJsonAsync(context, problem.StatusCode, problem.RetryAfter, writer =>
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
        });

    /// <summary>Answers with <paramref name="statusCode"/> and the JSON <paramref name="writeBody"/> writes, whole, with its length.</summary>
    public static async Task WriteJsonAsync(HttpContext context, int statusCode, TimeSpan? retryAfter, Action<Utf8JsonWriter> writeBody)
    {
        var response = context.Response;
        response.StatusCode = statusCode;
        response.ContentType = "application/json; charset=utf-8";
        SetRetryAfter(response, retryAfter);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writeBody(writer);
        }

        response.ContentLength = buffer.WrittenCount;
        await response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted).ConfigureAwait(false);
    }

    public static void SetRetryAfter(HttpResponse response, TimeSpan? retryAfter)
    {
        if (retryAfter is { } delay)
        {
            response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(delay.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }
    }
}
