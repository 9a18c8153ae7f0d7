using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WhetGateway.Tests.Infrastructure;

namespace WhetGateway.Tests.Faults;

/// <summary>
/// One sample API and one gateway in front of it for the whole hostile-input corpus: key in the body or the
/// <c>Idempotency-Key</c> header, a 1 MiB body cap, and every gateway log entry at Error or above kept.
/// </summary>
public sealed class HostileInputFixture : IAsyncLifetime
{
    public SampleApiHost Upstream { get; private set; } = null!;

    public GatewayHost Gateway { get; private set; } = null!;

    public ErrorLogCollector Errors { get; } = new();

    public async Task InitializeAsync()
    {
        Upstream = await SampleApiHost.StartAsync();
        Gateway = await GatewayHost.StartAsync(
            GatewayHost.Settings(Upstream.Address, new Dictionary<string, string?>
            {
                [$"Idempotency:Policies:{GatewayHost.Policy}:KeyHeader"] = HostileCorpus.KeyHeader,
                [$"Idempotency:Policies:{GatewayHost.Policy}:MaxRequestBodyBytes"] = HostileCorpus.MaxBodyBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            }),
            services => services.AddLogging(logging => logging.AddProvider(Errors)));
    }

    public async Task DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Upstream.DisposeAsync();
    }
}
