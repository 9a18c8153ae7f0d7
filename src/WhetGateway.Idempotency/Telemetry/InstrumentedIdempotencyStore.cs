using System.Diagnostics;
using WhetGateway.Storage;

namespace WhetGateway.Telemetry;

/// <summary>
/// Wraps a store, both as the request path and as operators use it, so every call but the availability check is a span
/// (<c>whet.store.&lt;operation&gt;</c>) and a duration measurement. <paramref name="inner"/> and
/// <paramref name="administration"/> are the same store. It does not own the store: the container that made both
/// disposes it.
/// </summary>
internal sealed class InstrumentedIdempotencyStore(IIdempotencyStore inner, IIdempotencyStoreAdministration administration, IdempotencyTelemetry telemetry)
    : IIdempotencyStore, IIdempotencyStoreAdministration
{
    public ValueTask<BeginResult> BeginAsync(RecordId id, Fingerprint fingerprint, TimeSpan lease, TimeSpan? rememberLapsedFor, CancellationToken cancellationToken) =>
        MeasureAsync("begin", (inner, id, fingerprint, lease, rememberLapsedFor, cancellationToken),
            static s => s.inner.BeginAsync(s.id, s.fingerprint, s.lease, s.rememberLapsedFor, s.cancellationToken));

    public ValueTask<bool> RenewAsync(Claim claim, TimeSpan lease, CancellationToken cancellationToken) =>
        MeasureAsync("renew", (inner, claim, lease, cancellationToken), static s => s.inner.RenewAsync(s.claim, s.lease, s.cancellationToken));

    public ValueTask<bool> CompleteAsync(Claim claim, IdempotencyRecord record, TimeSpan timeToLive, CancellationToken cancellationToken) =>
        MeasureAsync("complete", (inner, claim, record, timeToLive, cancellationToken), static s => s.inner.CompleteAsync(s.claim, s.record, s.timeToLive, s.cancellationToken));

    public ValueTask ReleaseAsync(Claim claim, CancellationToken cancellationToken) =>
        new(MeasureAsync("release", (inner, claim, cancellationToken), static async s =>
        {
            await s.inner.ReleaseAsync(s.claim, s.cancellationToken).ConfigureAwait(false);
            return true;
        }).AsTask());

    public ChangeWatch Watch(RecordId id) => inner.Watch(id);

    public ValueTask<bool> TieAsync(RecordId id, ResourceTie tie, CancellationToken cancellationToken) =>
        MeasureAsync("tie", (inner, id, tie, cancellationToken), static s => s.inner.TieAsync(s.id, s.tie, s.cancellationToken));

    public ValueTask<int> EvictResourceAsync(ResourceEviction eviction, CancellationToken cancellationToken) =>
        MeasureAsync("evict", (inner, eviction, cancellationToken), static s => s.inner.EvictResourceAsync(s.eviction, s.cancellationToken));

    public ValueTask CheckAvailableAsync(CancellationToken cancellationToken) => administration.CheckAvailableAsync(cancellationToken);

    public ValueTask<RecordState?> InspectAsync(RecordId id, CancellationToken cancellationToken) =>
        MeasureAsync("inspect", (administration, id, cancellationToken), static s => s.administration.InspectAsync(s.id, s.cancellationToken));

    public ValueTask<bool> DeleteAsync(RecordId id, CancellationToken cancellationToken) =>
        MeasureAsync("delete", (administration, id, cancellationToken), static s => s.administration.DeleteAsync(s.id, s.cancellationToken));

    private async ValueTask<T> MeasureAsync<TState, T>(string operation, TState state, Func<TState, ValueTask<T>> call)
    {
        using var activity = IdempotencyTelemetry.ActivitySource.StartActivity("whet.store." + operation, ActivityKind.Client);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var result = await call(state).ConfigureAwait(false);
            telemetry.StoreCall(operation, Stopwatch.GetElapsedTime(started), available: true);
            return result;
        }
        catch (StoreUnavailableException exception)
        {
            telemetry.StoreCall(operation, Stopwatch.GetElapsedTime(started), available: false);
            activity?.SetStatus(ActivityStatusCode.Error, exception.Message);
            throw;
        }
    }
}
