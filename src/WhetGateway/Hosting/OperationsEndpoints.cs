using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Routing;
using WhetGateway.Management;

namespace WhetGateway.Hosting;

/// <summary>
/// The gateway's own endpoints, answered by the gateway and never proxied: <c>/healthz</c> (liveness: the process
/// serves), <c>/readyz</c> (readiness: the store answers) and <c>/metrics</c> (Prometheus scrape). With a management
/// listener (<c>Management:Urls</c>), readiness and metrics answer only there; liveness answers on both.
/// </summary>
internal static class OperationsEndpoints
{
    public const string ReadinessTag = "ready";

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = static _ => false })
            .WithMetadata(ManagementEndpointMetadata.Everywhere);
        endpoints.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = static check => check.Tags.Contains(ReadinessTag) })
            .WithMetadata(ManagementEndpointMetadata.ManagementOnly);
        endpoints.MapPrometheusScrapingEndpoint("/metrics")
            .WithMetadata(ManagementEndpointMetadata.ManagementOnly);
    }
}
