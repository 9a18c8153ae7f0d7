using Microsoft.AspNetCore.Http;
using WhetGateway.Storage;

namespace WhetGateway.Idempotency.Responses;

/// <summary>Writes a recorded response back: the original status, headers and body, marked as a replay.</summary>
internal static class ReplayWriter
{
    public static async Task WriteAsync(HttpContext context, IdempotencyRecord record)
    {
        var response = context.Response;
        response.StatusCode = record.StatusCode;
        foreach (var header in record.Headers)
        {
            response.Headers[header.Name] = header.Values;
        }

        response.Headers[RecordedHeaders.ReplayedHeader] = "true";
        response.ContentLength = record.Body.Length;
        await response.Body.WriteAsync(record.Body, context.RequestAborted).ConfigureAwait(false);
    }
}
