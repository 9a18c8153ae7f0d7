using Microsoft.Extensions.Logging;
using WhetGateway.Storage;

namespace WhetGateway.Idempotency;

/// <summary>
/// Renews a claim's lease every third of its length while the upstream call is open, so a long call keeps its
/// claim and a crashed instance's claim lapses within one lease. It is a timer, not a loop: most calls end before
/// the first renewal, and then stopping costs nothing (no task to cancel, no exception thrown).
/// </summary>
internal sealed class LeaseKeeper : IAsyncDisposable
{
    private readonly IIdempotencyStore _store;
    private readonly Claim _claim;
    private readonly TimeSpan _lease;
    private readonly ILogger _logger;
    private readonly ITimer _timer;
    private readonly Lock _gate = new();
    private Task _renewal = Task.CompletedTask;
    private bool _stopped;

    private LeaseKeeper(IIdempotencyStore store, Claim claim, TimeSpan lease, TimeProvider time, ILogger logger)
    {
        _store = store;
        _claim = claim;
        _lease = lease;
        _logger = logger;
        var interval = lease / 3;
        _timer = time.CreateTimer(static state => ((LeaseKeeper)state!).StartRenewal(), this, interval, interval);
    }

    public static LeaseKeeper Start(IIdempotencyStore store, Claim claim, TimeSpan lease, TimeProvider time, ILogger logger) =>
        new(store, claim, lease, time, logger);

    public async ValueTask DisposeAsync()
    {
        Task renewal;
        lock (_gate)
        {
            _stopped = true;
            renewal = _renewal;
        }

        await _timer.DisposeAsync().ConfigureAwait(false);
        await renewal.ConfigureAwait(false);
    }

    private void StartRenewal()
    {
        lock (_gate)
        {
            // One renewal at a time: a slow store must not pile them up.
            if (!_stopped && _renewal.IsCompleted)
            {
                _renewal = RenewAsync();
            }
        }
    }

    private async Task RenewAsync()
    {
        try
        {
            if (!await _store.RenewAsync(_claim, _lease, CancellationToken.None).ConfigureAwait(false))
            {
                _logger.ClaimLost(_claim.Id);
                lock (_gate)
                {
                    _stopped = true;
                }
            }
        }
        catch (StoreUnavailableException exception)
        {
            _logger.RenewFailed(exception, _claim.Id);
        }
    }
}
