using Microsoft.Extensions.Logging;
using WhetGateway.Idempotency;
using WhetGateway.Storage;
using WhetGateway.Telemetry;

namespace WhetGateway.Resources;

/// <summary>
/// Tombstones the records tied to a deleted resource: those of the deleting caller's scope (and those any caller may
/// evict) for a DELETE through the gateway; those of every scope for the operator's eviction. Resource paths are
/// logged as a digest: a path can carry a secret (<c>/api-keys/sk_live_…</c>).
/// </summary>
internal sealed partial class ResourceEvictor(IIdempotencyStore store, IdempotencyPolicyRegistry policies, ILogger<ResourceEvictor> logger)
{
    /// <summary>Evicts what a caller of <paramref name="scope"/> (null: a caller without one) deleted.</summary>
    /// <returns>How many records became tombstones.</returns>
    /// <exception cref="StoreUnavailableException">The store could not be reached; nothing may have been evicted.</exception>
    public Task<int> EvictAsync(string resourcePath, string? scope, CancellationToken cancellationToken) =>
        EvictAsync(new ResourceEviction(resourcePath, scope ?? ResourceScopes.AnyCaller, policies.LongestRecordingWindow), cancellationToken);

    /// <summary>Evicts the resource's records in every scope: the operator's eviction.</summary>
    /// <inheritdoc cref="EvictAsync(string, string?, CancellationToken)"/>
    public Task<int> EvictEverywhereAsync(string resourcePath, CancellationToken cancellationToken) =>
        EvictAsync(new ResourceEviction(resourcePath, Scope: null, policies.LongestRecordingWindow), cancellationToken);

    private async Task<int> EvictAsync(ResourceEviction eviction, CancellationToken cancellationToken)
    {
        var tombstoned = await store.EvictResourceAsync(eviction, cancellationToken).ConfigureAwait(false);
        var digest = ResourcePathDigest.Of(eviction.ResourcePath);
        LogEvicted(digest, eviction.Scope is null ? "every scope" : "the deleting caller's scope", tombstoned);
        return tombstoned;
    }

    [LoggerMessage(EventId = IdempotencyEventIds.ResourceDeleted, Level = LogLevel.Information, Message = "Resource {ResourcePathDigest} deleted in {Scopes}: {Count} idempotency record(s) now answer 404.")]
    private partial void LogEvicted(string resourcePathDigest, string scopes, int count);
}
