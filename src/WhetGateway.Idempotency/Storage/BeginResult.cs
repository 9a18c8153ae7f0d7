namespace WhetGateway.Storage;

/// <summary>The answer to <see cref="IIdempotencyStore.BeginAsync"/>.</summary>
internal readonly struct BeginResult
{
    private BeginResult(BeginOutcome outcome, Claim claim, IdempotencyRecord? record, Fingerprint holderFingerprint, TimeSpan leaseRemaining)
    {
        Outcome = outcome;
        Claim = claim;
        Record = record;
        HolderFingerprint = holderFingerprint;
        LeaseRemaining = leaseRemaining;
    }

    public BeginOutcome Outcome { get; }

    /// <summary>The new claim, when <see cref="Outcome"/> is <see cref="BeginOutcome.Claimed"/>.</summary>
    public Claim Claim { get; }

    /// <summary>The stored record, when <see cref="Outcome"/> is <see cref="BeginOutcome.Completed"/>.</summary>
    public IdempotencyRecord? Record { get; }

    /// <summary>The fingerprint of the attempt in flight, when <see cref="Outcome"/> is <see cref="BeginOutcome.InFlight"/>.</summary>
    public Fingerprint HolderFingerprint { get; }

    /// <summary>How long the claim in flight lasts unless its holder renews it.</summary>
    public TimeSpan LeaseRemaining { get; }

    public static BeginResult Claimed(Claim claim) => new(BeginOutcome.Claimed, claim, null, default, default);

    public static BeginResult Completed(IdempotencyRecord record) => new(BeginOutcome.Completed, default, record, default, default);

    public static BeginResult InFlight(Fingerprint holder, TimeSpan leaseRemaining) => new(BeginOutcome.InFlight, default, null, holder, leaseRemaining);
}
