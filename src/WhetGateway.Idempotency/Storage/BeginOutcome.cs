namespace WhetGateway.Storage;

/// <summary>What <see cref="IIdempotencyStore.BeginAsync"/> found.</summary>
internal enum BeginOutcome
{
    /// <summary>Nobody held the key: the caller now owns a claim and must complete or release it.</summary>
    Claimed,

    /// <summary>A record exists: replay it (or answer its tombstone).</summary>
    Completed,

    /// <summary>Another attempt holds a live claim.</summary>
    InFlight,
}
