namespace WhetGateway.Storage;

/// <summary>
/// Where idempotency records and claims live, as the request path uses them: claiming a key, recording its
/// response, waiting on a key in flight, and tying records to the resources they name. Every operation is atomic;
/// claims are fenced by a token and held under a short lease that the holder renews, so a crashed holder is taken
/// over within one lease. Implementations throw <see cref="StoreUnavailableException"/> when they cannot answer.
/// What operators and probes ask of the same records is <see cref="IIdempotencyStoreAdministration"/>.
/// </summary>
internal interface IIdempotencyStore
{
    /// <summary>Returns the record if one exists, else the live claim, else takes a new claim with the given lease.</summary>
    /// <param name="id">The key.</param>
    /// <param name="fingerprint">The request's fingerprint, which the claim carries.</param>
    /// <param name="lease">How long the new claim lives unless renewed.</param>
    /// <param name="rememberLapsedFor">
    /// Null under at-least-once: a claim whose lease lapsed is forgotten and the next begin takes the key over. Under
    /// at-most-once, how long the new claim is remembered even after its lease lapses (the record's lifetime): a
    /// begin that finds such a lapsed claim, whose holder never completed nor released it, stores an
    /// <see cref="RecordKind.OutcomeUnknown"/> record for the rest of that time and returns it, instead of claiming.
    /// </param>
    /// <param name="cancellationToken">Cancels the call.</param>
    ValueTask<BeginResult> BeginAsync(RecordId id, Fingerprint fingerprint, TimeSpan lease, TimeSpan? rememberLapsedFor, CancellationToken cancellationToken);

    /// <summary>Extends a claim's lease; false when the claim is no longer held by this token.</summary>
    ValueTask<bool> RenewAsync(Claim claim, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>
    /// Stores the record and ends the claim. False, and nothing written, when another claim or a record (a
    /// tombstone, say) has taken the key's place. A claim whose lease ran out is still completed when nobody else took the key, since its
    /// side effect did happen.
    /// </summary>
    /// <param name="claim">The claim being completed.</param>
    /// <param name="record">What to store.</param>
    /// <param name="timeToLive">How long the record lives, unless a resource it is tied to is deleted first.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    ValueTask<bool> CompleteAsync(Claim claim, IdempotencyRecord record, TimeSpan timeToLive, CancellationToken cancellationToken);

    /// <summary>
    /// Ends a claim without a record, so the next attempt executes; a no-op for a claim no longer held (under
    /// at-most-once, a claim whose lease lapsed stays remembered).
    /// </summary>
    ValueTask ReleaseAsync(Claim claim, CancellationToken cancellationToken);

    /// <summary>
    /// Starts watching a key whose claim <see cref="BeginAsync"/> found in flight: the returned watch's task completes
    /// when any instance completes or releases the claim, or its lease lapses. The watch looks at the key itself once
    /// it listens, so a change that fell between the begin and the watch is not missed. This instance's watches on
    /// one key share one subscription and one poller, and a key nobody watches has no change announced.
    /// </summary>
    ChangeWatch Watch(RecordId id);

    /// <summary>
    /// Ties a record, before it is completed, to a resource its response names, so deleting the resource in the
    /// tie's scope tombstones the record. Drops ties whose records have expired as it goes. False when that scope's
    /// deletion of the resource (or an operator's) came after the claim began (<see cref="ResourceTie.ClaimAge"/>):
    /// the delete overtook the recording, and the caller must complete with a tombstone instead.
    /// </summary>
    ValueTask<bool> TieAsync(RecordId id, ResourceTie tie, CancellationToken cancellationToken);

    /// <summary>
    /// Turns the records tied to the resource in the eviction's scope into tombstones (one still being completed
    /// too: its completion then fails), in bounded steps however many there are, and remembers the deletion for
    /// <see cref="ResourceEviction.RememberFor"/> so a record of that scope still being recorded is tombstoned when it
    /// ties. Safe to repeat. Times the deletion on the store's own clock.
    /// </summary>
    /// <returns>How many records became tombstones.</returns>
    ValueTask<int> EvictResourceAsync(ResourceEviction eviction, CancellationToken cancellationToken);
}
