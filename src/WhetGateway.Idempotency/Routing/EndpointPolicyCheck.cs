using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WhetGateway.Idempotency;

namespace WhetGateway.Routing;

/// <summary>
/// Refuses to start an app whose endpoints name idempotency policies nobody configured (a typo in
/// <c>WithIdempotency</c> or <c>[Idempotent]</c>), so the mistake shows at deployment rather than as 500s on the
/// first retry. It looks once the app has started, when the request pipeline and every endpoint are built; an
/// endpoint added later, or a policy removed by a configuration change, is still refused per request by the
/// middleware.
/// </summary>
internal sealed class EndpointPolicyCheck(IServiceProvider services, IdempotencyPolicyRegistry policies) : IHostedLifecycleService
{
    public Task StartedAsync(CancellationToken cancellationToken)
    {
        var unknown = (services.GetService<EndpointDataSource>()?.Endpoints ?? [])
            .Select(endpoint => (endpoint, name: endpoint.Metadata.GetMetadata<IIdempotencyPolicyMetadata>()?.PolicyName))
            .Where(named => named.name is not null && policies.Find(named.name) is null)
            .Select(named => $"'{named.endpoint.DisplayName}' names '{named.name}'")
            .ToList();
        return unknown.Count == 0
            ? Task.CompletedTask
            : throw new InvalidOperationException(
                $"Endpoints name idempotency policies that are not configured under Idempotency:Policies: {string.Join("; ", unknown)}.");
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
