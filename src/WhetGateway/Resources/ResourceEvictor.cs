using Microsoft.Extensions.Logging;
using WhetGateway.Idempotency;
using WhetGateway.Storage;

namespace WhetGateway.Resources;

/// <summary>Tombstones the records tied to a deleted resource, for the DELETE transform and the operator endpoint.</summary>
internal sealed partial class ResourceEvictor(IIdempotencyStore store, IdempotencyPolicyRegistry policies, TimeProvider time, ILogger<ResourceEvictor> logger)
{
    /// <returns>How many records became tombstones.</returns>
    /// <exception cref="StoreUnavailableException">The store could not be reached; nothing may have been evicted.</exception>
    public async Task<int> EvictAsync(string resourcePath, CancellationToken cancellationToken)
    {
        var tombstoned = await store.EvictResourceAsync(resourcePath, time.GetUtcNow(), policies.LongestTombstoneTtl, cancellationToken).ConfigureAwait(false);
        LogEvicted(resourcePath, tombstoned);
        return tombstoned;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Resource {ResourcePath} deleted: {Count} idempotency record(s) now answer 404.")]
    private partial void LogEvicted(string resourcePath, int count);
}
