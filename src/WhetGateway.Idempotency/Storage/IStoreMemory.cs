namespace WhetGateway.Storage;

/// <summary>
/// How much memory a store uses against its limit, kept apart from <see cref="IIdempotencyStore"/> because it is read
/// by the memory monitor outside the request path, never by a request.
/// </summary>
internal interface IStoreMemory
{
    /// <summary>One reading per node that holds records (one for the in-memory store, one per Redis primary).</summary>
    /// <exception cref="StoreUnavailableException">The store did not answer.</exception>
    ValueTask<IReadOnlyList<StoreMemoryReading>> ReadMemoryAsync(CancellationToken cancellationToken);
}
