using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using WhetGateway.Idempotency;
using WhetGateway.Scoping;
using WhetGateway.Storage;
using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace WhetGateway.Resources;

/// <summary>
/// On every route: when a DELETE is confirmed by the upstream (2xx or 410), tombstones the records tied to that
/// path in the deleting caller's scope (and those any caller may evict) before the response goes back, so a client
/// that deletes and then replays can only ever see 404. The caller's scope is resolved before the DELETE is
/// forwarded, so a client that leaves while it runs cannot skip the eviction. An upstream 404 proves nothing, so it
/// evicts nothing. The DELETE's own response is never changed.
/// </summary>
internal sealed partial class ResourceEvictionTransformProvider(
    ResourceEvictor evictor, IdempotencyPolicyRegistry policies, IScopeResolver scopes, ILogger<ResourceEvictionTransformProvider> logger) : ITransformProvider
{
    public void ValidateRoute(TransformRouteValidationContext context)
    {
    }

    public void ValidateCluster(TransformClusterValidationContext context)
    {
    }

    private static readonly object DeletingScopeKey = new();

    public void Apply(TransformBuilderContext context)
    {
        context.AddRequestTransform(ResolveDeletingScopeAsync);
        context.AddResponseTransform(EvictIfDeletedAsync);
    }

    private async ValueTask ResolveDeletingScopeAsync(RequestTransformContext context)
    {
        // Without a policy that ties records to resources there is nothing to evict, and no reason to spend a scope
        // resolution (a JWT validation, an introspection call) on the DELETE.
        if (HttpMethods.IsDelete(context.HttpContext.Request.Method) && policies.TiesResources)
        {
            context.HttpContext.Items[DeletingScopeKey] = await scopes.ResolveAsync(context.HttpContext);
        }
    }

    private async ValueTask EvictIfDeletedAsync(ResponseTransformContext context)
    {
        var request = context.HttpContext.Request;
        if (!HttpMethods.IsDelete(request.Method) || !context.HttpContext.Items.TryGetValue(DeletingScopeKey, out var deletingScope) || context.ProxyResponse is not { } response)
        {
            return;
        }

        var status = (int)response.StatusCode;
        if (status is not (>= 200 and < 300 or StatusCodes.Status410Gone)
            || ResourcePath.Normalize(context.HttpContext.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget) is not { } path)
        {
            return;
        }

        try
        {
            await evictor.EvictAsync(path, deletingScope as string, CancellationToken.None);
        }
        catch (StoreUnavailableException exception)
        {
            LogEvictionFailed(exception, ResourcePathDigest.Of(path));
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Resource {ResourcePathDigest} was deleted upstream, but its idempotency records could not be tombstoned; call the operator eviction endpoint once the store is back.")]
    private partial void LogEvictionFailed(Exception exception, string resourcePathDigest);
}
