using Microsoft.Extensions.Logging;
using WhetGateway.Storage;

namespace WhetGateway.Idempotency;

/// <summary>
/// Renews a claim's lease every third of its length while the upstream call is open, so a long call keeps its
/// claim and a crashed instance's claim lapses within one lease.
/// </summary>
internal sealed class LeaseKeeper : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private LeaseKeeper(IIdempotencyStore store, Claim claim, TimeSpan lease, TimeProvider time, ILogger logger)
    {
        _loop = RenewUntilStoppedAsync(store, claim, lease, time, logger, _stop.Token);
    }

    public static LeaseKeeper Start(IIdempotencyStore store, Claim claim, TimeSpan lease, TimeProvider time, ILogger logger) =>
        new(store, claim, lease, time, logger);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }

    private static async Task RenewUntilStoppedAsync(IIdempotencyStore store, Claim claim, TimeSpan lease, TimeProvider time, ILogger logger, CancellationToken stop)
    {
        var interval = lease / 3;
        try
        {
            while (true)
            {
                await Task.Delay(interval, time, stop).ConfigureAwait(false);
                try
                {
                    if (!await store.RenewAsync(claim, lease, stop).ConfigureAwait(false))
                    {
                        logger.ClaimLost(claim.Id);
                        return;
                    }
                }
                catch (StoreUnavailableException exception)
                {
                    logger.RenewFailed(exception, claim.Id);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }
}
