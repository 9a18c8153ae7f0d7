using WhetGateway.Tests.Infrastructure;

namespace WhetGateway.Tests.Gateway;

/// <summary>One gateway in front of a <see cref="ScriptedUpstream"/> for every test, with its client.</summary>
/// <param name="listening">Whether the upstream listens from the start; if not, connections are refused until the test starts it.</param>
public abstract class ScriptedUpstreamTestBase(bool listening) : IAsyncLifetime
{
    protected ScriptedUpstream Upstream { get; } = ScriptedUpstream.Create();

    protected GatewayHost Gateway { get; private set; } = null!;

    protected HttpClient Client { get; private set; } = null!;

    /// <summary>Settings on top of <see cref="GatewayHost.Settings"/>.</summary>
    protected virtual IReadOnlyDictionary<string, string?> SettingOverrides => new Dictionary<string, string?>();

    public async Task InitializeAsync()
    {
        if (listening)
        {
            Upstream.Start();
        }

        Gateway = await GatewayHost.StartAsync(GatewayHost.Settings(Upstream.Address, SettingOverrides));
        Client = Gateway.CreateClient();
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Gateway.DisposeAsync();
        await Upstream.DisposeAsync();
    }
}
