namespace WhetGateway.Storage;

/// <summary>
/// What operators and probes ask of the store, outside the request path: what a key holds, forgetting a key, and
/// whether the store answers at all. A store implements it beside <see cref="IIdempotencyStore"/>, on the same
/// records, and is registered once for both, so a key forgotten here is forgotten for the requests too.
/// </summary>
/// <remarks>
/// The availability check belongs here rather than on the request path: a request never asks first, it learns the
/// store is down from the call it makes (<see cref="StoreUnavailableException"/>) and its policy decides what then;
/// only a readiness probe asks the store to answer for its own sake. Implementations throw
/// <see cref="StoreUnavailableException"/> when they cannot answer.
/// </remarks>
internal interface IIdempotencyStoreAdministration
{
    /// <summary>What the store holds for a key: a claim in flight, a record, or nothing (null).</summary>
    ValueTask<RecordState?> InspectAsync(RecordId id, CancellationToken cancellationToken);

    /// <summary>
    /// Forgets a key, its record and any claim, so its next request runs afresh (an operator's last resort); a
    /// holder still running may yet complete. False when there was nothing to forget.
    /// </summary>
    ValueTask<bool> DeleteAsync(RecordId id, CancellationToken cancellationToken);

    /// <summary>Completes when the store answers; throws <see cref="StoreUnavailableException"/> when it does not.</summary>
    ValueTask CheckAvailableAsync(CancellationToken cancellationToken);
}
