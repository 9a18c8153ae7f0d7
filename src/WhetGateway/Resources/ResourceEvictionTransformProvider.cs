using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace WhetGateway.Resources;

/// <summary>
/// On every route: when a DELETE is confirmed by the upstream, evicts the records tied to that path
/// (<see cref="DeletionEviction"/>) before the response goes back. An upstream that gave no response evicts nothing.
/// </summary>
internal sealed class ResourceEvictionTransformProvider(DeletionEviction eviction) : ITransformProvider
{
    private static readonly object DeletingScopeKey = new();

    public void ValidateRoute(TransformRouteValidationContext context)
    {
    }

    public void ValidateCluster(TransformClusterValidationContext context)
    {
    }

    public void Apply(TransformBuilderContext context)
    {
        context.AddRequestTransform(ResolveDeletingScopeAsync);
        context.AddResponseTransform(EvictIfDeletedAsync);
    }

    private async ValueTask ResolveDeletingScopeAsync(RequestTransformContext context)
    {
        var (mayEvict, deletingScope) = await eviction.ResolveDeletingScopeAsync(context.HttpContext);
        if (mayEvict)
        {
            context.HttpContext.Items[DeletingScopeKey] = deletingScope;
        }
    }

    private async ValueTask EvictIfDeletedAsync(ResponseTransformContext context)
    {
        if (context.HttpContext.Items.TryGetValue(DeletingScopeKey, out var deletingScope) && context.ProxyResponse is { } response)
        {
            await eviction.EvictIfDeletedAsync(context.HttpContext, deletingScope as string, (int)response.StatusCode);
        }
    }
}
