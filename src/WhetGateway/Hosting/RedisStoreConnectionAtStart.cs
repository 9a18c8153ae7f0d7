using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WhetGateway.Storage;
using WhetGateway.Storage.Redis;

namespace WhetGateway.Hosting;

/// <summary>
/// The gateway connects its Redis store as it starts, rather than on the first request as an app's store does, so a
/// bad store setting or an evicting Redis fails the start. An unreachable Redis does not: the store reconnects.
/// </summary>
internal sealed class RedisStoreConnectionAtStart([FromKeyedServices(IdempotencyStoreBackend.ServiceKey)] IIdempotencyStore store) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken) => await ((LazyRedisIdempotencyStore)store).ConnectAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
