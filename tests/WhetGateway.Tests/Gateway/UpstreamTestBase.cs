using WhetGateway.Tests.Infrastructure;

namespace WhetGateway.Tests.Gateway;

/// <summary>Starts a fresh sample API for every test; each test starts the gateways it needs in front of it.</summary>
public abstract class UpstreamTestBase : IAsyncLifetime
{
    protected SampleApiHost Upstream { get; private set; } = null!;

    /// <summary>Settings the sample API starts with, e.g. <c>--Sample:JwtSigningKey=…</c>.</summary>
    protected virtual string[] UpstreamArguments => [];

    public virtual async Task InitializeAsync() => Upstream = await SampleApiHost.StartAsync(UpstreamArguments);

    public virtual async Task DisposeAsync() => await Upstream.DisposeAsync();

    /// <summary>
    /// A gateway in front of <see cref="Upstream"/> with the default settings plus <paramref name="overrides"/>, on
    /// <paramref name="time"/> when given (see <see cref="GatewayHost.OnClock"/>).
    /// </summary>
    protected Task<GatewayHost> StartGatewayAsync(IReadOnlyDictionary<string, string?> overrides, TimeProvider? time = null) =>
        GatewayHost.StartAsync(GatewayHost.Settings(Upstream.Address, overrides), time is null ? null : GatewayHost.OnClock(time));

    protected Task<GatewayHost> StartGatewayAsync(params (string Key, string Value)[] overrides) =>
        StartGatewayAsync(overrides.ToDictionary(o => o.Key, o => (string?)o.Value));
}
