using Microsoft.AspNetCore.Http;
using WhetGateway.Storage;

namespace WhetGateway.Idempotency.Responses;

/// <summary>Writes a recorded response back: the original status and headers, a body, marked as a replay.</summary>
internal static class ReplayWriter
{
    /// <param name="context">The request being answered.</param>
    /// <param name="record">The recorded response.</param>
    /// <param name="body">The recorded body, or one a protocol rewrote from it (an MCP replay carries its own id).</param>
    public static async Task WriteAsync(HttpContext context, IdempotencyRecord record, ReadOnlyMemory<byte> body)
    {
        var response = context.Response;
        response.StatusCode = record.StatusCode;
        foreach (var header in record.Headers)
        {
            response.Headers[header.Name] = header.Values;
        }

        response.Headers[RecordedHeaders.ReplayedHeader] = "true";
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
    }
}
