using Microsoft.Extensions.Diagnostics.HealthChecks;
using WhetGateway.Storage;

namespace WhetGateway.Health;

/// <summary>Readiness: the gateway is ready only while its store answers, since keyed requests fail closed without it.</summary>
internal sealed class StoreHealthCheck(IIdempotencyStoreAdministration store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await store.CheckAvailableAsync(cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy("The idempotency store answers.");
        }
        catch (StoreUnavailableException exception)
        {
            return HealthCheckResult.Unhealthy("The idempotency store is unavailable.", exception);
        }
    }
}
