using Microsoft.AspNetCore.Http;

namespace WhetGateway.Resources;

/// <summary>
/// In-process resource eviction: when the app's own DELETE endpoint confirms a deletion, the records tied to that
/// path are tombstoned as the response starts, before the client can see it, so a replay after the DELETE answers 404.
/// </summary>
internal sealed class ResourceEvictionMiddleware(RequestDelegate next, DeletionEviction eviction)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var (mayEvict, deletingScope) = await eviction.ResolveDeletingScopeAsync(context);
        if (mayEvict)
        {
            context.Response.OnStarting(() => eviction.EvictIfDeletedAsync(context, deletingScope, context.Response.StatusCode));
        }

        await next(context);
    }
}
