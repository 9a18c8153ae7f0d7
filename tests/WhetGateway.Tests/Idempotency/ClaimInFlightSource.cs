using WhetGateway.Storage;

namespace WhetGateway.Tests.Idempotency;

/// <summary>
/// A change source whose key always has a claim in flight for <paramref name="leaseRemaining"/>: it counts the
/// watch's looks and listens, and can deliver a notice as another instance's completion would.
/// </summary>
internal sealed class ClaimInFlightSource(TimeSpan leaseRemaining) : IChangeSource
{
    private Action? _changed;
    private int _looks;
    private int _listens;

    public int Looks => Volatile.Read(ref _looks);

    public int Listens => Volatile.Read(ref _listens);

    /// <summary>How long the latest listening lasts.</summary>
    public CancellationToken ListeningUntil { get; private set; }

    public ValueTask ListenAsync(RecordId id, Action changed, CancellationToken until)
    {
        Interlocked.Increment(ref _listens);
        _changed = changed;
        ListeningUntil = until;
        return ValueTask.CompletedTask;
    }

    public ValueTask<TimeSpan?> AwaitClaimAsync(RecordId id, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _looks);
        return ValueTask.FromResult<TimeSpan?>(leaseRemaining);
    }

    /// <summary>Delivers a notice to the latest listener.</summary>
    public void Announce() => _changed!();
}
