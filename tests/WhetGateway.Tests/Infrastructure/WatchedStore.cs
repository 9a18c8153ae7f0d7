using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WhetGateway.Storage;
using WhetGateway.Telemetry;

namespace WhetGateway.Tests.Infrastructure;

/// <summary>
/// The gateway's store, watched for a test: it tells when a request found its key's original still in flight, so
/// the test knows a duplicate is now waiting for the original without sleeping. Everything else, the operator's calls
/// too, passes straight on.
/// </summary>
internal sealed class WatchedStore(InstrumentedIdempotencyStore inner) : IIdempotencyStore, IIdempotencyStoreAdministration
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);

    private readonly TaskCompletionSource _duplicateWaiting = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// Wraps the store of the gateway being built, as requests and as operators use it; the gateway's
    /// <see cref="WatchedStore"/> is then a service.
    /// </summary>
    public static void Install(IServiceCollection services)
    {
        services.AddSingleton(provider => new WatchedStore(provider.GetRequiredService<InstrumentedIdempotencyStore>()));
        services.Replace(ServiceDescriptor.Singleton<IIdempotencyStore>(provider => provider.GetRequiredService<WatchedStore>()));
        services.Replace(ServiceDescriptor.Singleton<IIdempotencyStoreAdministration>(provider => provider.GetRequiredService<WatchedStore>()));
    }

    /// <summary>Completes once a request has found a claim in flight (it waits for it now); fails after 20 s.</summary>
    public Task DuplicateWaitingAsync() => _duplicateWaiting.Task.WaitAsync(Limit);

    public async ValueTask<BeginResult> BeginAsync(RecordId id, Fingerprint fingerprint, TimeSpan lease, TimeSpan? rememberLapsedFor, CancellationToken cancellationToken)
    {
        var result = await inner.BeginAsync(id, fingerprint, lease, rememberLapsedFor, cancellationToken);
        if (result.Outcome == BeginOutcome.InFlight)
        {
            _duplicateWaiting.TrySetResult();
        }

        return result;
    }

    public ValueTask<bool> RenewAsync(Claim claim, TimeSpan lease, CancellationToken cancellationToken) => inner.RenewAsync(claim, lease, cancellationToken);

    public ValueTask<bool> CompleteAsync(Claim claim, IdempotencyRecord record, TimeSpan timeToLive, CancellationToken cancellationToken) =>
        inner.CompleteAsync(claim, record, timeToLive, cancellationToken);

    public ValueTask ReleaseAsync(Claim claim, CancellationToken cancellationToken) => inner.ReleaseAsync(claim, cancellationToken);

    public ChangeWatch Watch(RecordId id) => inner.Watch(id);

    public ValueTask<RecordState?> InspectAsync(RecordId id, CancellationToken cancellationToken) => inner.InspectAsync(id, cancellationToken);

    public ValueTask<bool> DeleteAsync(RecordId id, CancellationToken cancellationToken) => inner.DeleteAsync(id, cancellationToken);

    public ValueTask CheckAvailableAsync(CancellationToken cancellationToken) => inner.CheckAvailableAsync(cancellationToken);

    public ValueTask<bool> TieAsync(RecordId id, ResourceTie tie, CancellationToken cancellationToken) => inner.TieAsync(id, tie, cancellationToken);

    public ValueTask<int> EvictResourceAsync(ResourceEviction eviction, CancellationToken cancellationToken) => inner.EvictResourceAsync(eviction, cancellationToken);
}
