using Microsoft.Extensions.DependencyInjection;
using WhetGateway.Tests.Infrastructure;

namespace WhetGateway.Tests.Shapes;

/// <summary>The middleware in the gateway: one sample API per test, every gateway the test starts in front of it.</summary>
public sealed class GatewayShape : IApiShape
{
    private SampleApiHost? _upstream;

    public SampleApiDoor Door => Upstream.Door;

    private SampleApiHost Upstream => _upstream ?? throw new InvalidOperationException("The shape is not started.");

    public async Task StartAsync() => _upstream = await SampleApiHost.StartAsync();

    public async Task<IIdempotentApi> StartApiAsync(IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? configureServices = null) =>
        await GatewayHost.StartAsync(GatewayHost.Settings(Upstream.Address, settings), configureServices);

    public async ValueTask DisposeAsync()
    {
        if (_upstream is not null)
        {
            await _upstream.DisposeAsync();
        }
    }
}
