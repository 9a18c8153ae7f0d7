using Microsoft.Extensions.DependencyInjection;
using WhetGateway.Tests.Infrastructure;

namespace WhetGateway.Tests.Shapes;

/// <summary>
/// Where a test runs the idempotency middleware in front of the sample API: in the gateway that proxies to it
/// (<see cref="GatewayShape"/>), or inside an app of the API's own (<see cref="InProcessShape"/>). A test instance has a
/// shape of its own; every API it starts shares its <see cref="Door"/>.
/// </summary>
public interface IApiShape : IAsyncDisposable
{
    /// <summary>What the test sees of the sample API behind the middleware, whichever API instance it was called through.</summary>
    SampleApiDoor Door { get; }

    /// <summary>Starts what every API instance of the test shares (the sample API the gateway proxies to, say).</summary>
    Task StartAsync();

    /// <summary>
    /// Starts an instance of the idempotent API on <see cref="AgentApiSettings"/> plus <paramref name="settings"/> (a
    /// Redis store, policy changes); <paramref name="configureServices"/> may add services to the app that runs the middleware.
    /// </summary>
    Task<IIdempotentApi> StartApiAsync(IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? configureServices = null);
}
