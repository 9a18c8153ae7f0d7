using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using WhetGateway.Idempotency.Protocols;
using WhetGateway.Idempotency.Responses;
using WhetGateway.Resources;
using WhetGateway.Storage;

namespace WhetGateway.Admin;

/// <summary>
/// Operator endpoints, off by default and behind a bearer token. <c>POST {PathBase}/evictions</c> with
/// <c>{"path":"/pipelines/pl_123"}</c> tombstones a resource deleted without passing through the gateway (a
/// backend job, a webhook), exactly as a DELETE through the gateway would.
/// </summary>
internal static class AdminEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints, string pathBase)
    {
        var admin = endpoints.MapGroup(pathBase).AddEndpointFilter<AdminTokenFilter>();
        admin.MapPost("/evictions", EvictAsync);
    }

    private static async Task<IResult> EvictAsync(EvictionRequest request, ResourceEvictor evictor, HttpContext context)
    {
        if (ResourcePath.Normalize(request.Path) is not { } path)
        {
            await GatewayError.WriteAsync(context, new GatewayProblem(StatusCodes.Status400BadRequest, "validation_failed", "path must be a resource path such as /pipelines/pl_123.", "path"));
            return Results.Empty;
        }

        try
        {
            return Results.Ok(new EvictionResult(path, await evictor.EvictAsync(path, context.RequestAborted)));
        }
        catch (StoreUnavailableException)
        {
            await GatewayError.WriteAsync(context, new GatewayProblem(StatusCodes.Status503ServiceUnavailable, "idempotency_unavailable",
                "The idempotency store is unavailable; nothing was evicted. Retry.", RetryAfter: TimeSpan.FromSeconds(1)));
            return Results.Empty;
        }
    }
}
