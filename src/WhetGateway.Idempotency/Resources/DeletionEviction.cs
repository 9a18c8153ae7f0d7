using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using WhetGateway.Idempotency;
using WhetGateway.Scoping;
using WhetGateway.Storage;
using WhetGateway.Telemetry;

namespace WhetGateway.Resources;

/// <summary>
/// When a DELETE is confirmed (2xx or 410), tombstones the records tied to that path in the deleting caller's scope
/// (and those any caller may evict), so a client that deletes and then replays can only ever see 404. The caller's
/// scope is resolved before the DELETE runs, so a client that leaves while it runs cannot skip the eviction. A 404
/// proves nothing, so it evicts nothing. The DELETE's own response is never changed. Shared by the gateway (a YARP
/// transform) and the in-process middleware.
/// </summary>
internal sealed partial class DeletionEviction(ResourceEvictor evictor, IdempotencyPolicyRegistry policies, IScopeResolver scopes, ILogger<DeletionEviction> logger)
{
    /// <summary>
    /// The deleting caller's scope, resolved before the DELETE runs; false for any other request, and while no
    /// policy ties records to resources (nothing to evict, so no scope resolution, a JWT validation or an
    /// introspection call, is spent on it).
    /// </summary>
    public async ValueTask<(bool MayEvict, string? Scope)> ResolveDeletingScopeAsync(HttpContext context) =>
        HttpMethods.IsDelete(context.Request.Method) && policies.TiesResources ? (true, await scopes.ResolveAsync(context)) : (false, null);

    /// <summary>Evicts the records tied to the request's path when <paramref name="status"/> confirms the deletion.</summary>
    public async Task EvictIfDeletedAsync(HttpContext context, string? deletingScope, int status)
    {
        if (status is not (>= 200 and < 300 or StatusCodes.Status410Gone)
            || ResourcePath.Normalize(context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget) is not { } path)
        {
            return;
        }

        try
        {
            await evictor.EvictAsync(path, deletingScope, CancellationToken.None);
        }
        catch (StoreUnavailableException exception)
        {
            LogEvictionFailed(exception, ResourcePathDigest.Of(path));
        }
    }

    [LoggerMessage(EventId = IdempotencyEventIds.ResourceTombstoneFailed, Level = LogLevel.Error, Message = "Resource {ResourcePathDigest} was deleted, but its idempotency records could not be tombstoned; call the operator eviction endpoint once the store is back.")]
    private partial void LogEvictionFailed(Exception exception, string resourcePathDigest);
}
