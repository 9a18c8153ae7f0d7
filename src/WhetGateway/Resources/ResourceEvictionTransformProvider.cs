using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using WhetGateway.Storage;
using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace WhetGateway.Resources;

/// <summary>
/// On every route: when a DELETE is confirmed by the upstream (2xx or 410), tombstones the records tied to that
/// path before the response goes back, so a client that deletes and then replays can only ever see 404. An
/// upstream 404 proves nothing (and would let one caller evict another's records), so it evicts nothing. The
/// DELETE's own response is never changed.
/// </summary>
internal sealed partial class ResourceEvictionTransformProvider(ResourceEvictor evictor, ILogger<ResourceEvictionTransformProvider> logger) : ITransformProvider
{
    public void ValidateRoute(TransformRouteValidationContext context)
    {
    }

    public void ValidateCluster(TransformClusterValidationContext context)
    {
    }

    public void Apply(TransformBuilderContext context) => context.AddResponseTransform(EvictIfDeletedAsync);

    private async ValueTask EvictIfDeletedAsync(ResponseTransformContext context)
    {
        var request = context.HttpContext.Request;
        if (!HttpMethods.IsDelete(request.Method) || context.ProxyResponse is not { } response)
        {
            return;
        }

        var status = (int)response.StatusCode;
        if (status is not (>= 200 and < 300 or StatusCodes.Status410Gone) || ResourcePath.Normalize(request.PathBase.Add(request.Path).Value) is not { } path)
        {
            return;
        }

        try
        {
            await evictor.EvictAsync(path, CancellationToken.None);
        }
        catch (StoreUnavailableException exception)
        {
            LogEvictionFailed(exception, path);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Resource {ResourcePath} was deleted upstream, but its idempotency records could not be tombstoned; call the operator eviction endpoint once the store is back.")]
    private partial void LogEvictionFailed(Exception exception, string resourcePath);
}
