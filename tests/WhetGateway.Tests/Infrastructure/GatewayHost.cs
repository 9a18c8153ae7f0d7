using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WhetGateway.Hosting;
using WhetGateway.Management;

namespace WhetGateway.Tests.Infrastructure;

/// <summary>
/// A gateway instance on real Kestrel on a free loopback port, routing the sample API's mutating endpoints
/// through the <c>agent-api</c> policy and everything else straight through.
/// </summary>
public sealed class GatewayHost : IIdempotentApi
{
    public const string Policy = AgentApiSettings.Policy;
    public const string DefaultCredential = "Bearer test-token";

    private readonly WebApplication _app;

    private GatewayHost(WebApplication app)
    {
        _app = app;
        var addresses = app.Urls.Select(address => new Uri(address)).ToList();
        var management = app.Services.GetService<ManagementListener>();
        Address = addresses.Single(address => management?.Ports.Contains(address.Port) != true);
        ManagementAddress = management is null ? null : addresses.Single(address => management.Ports.Contains(address.Port));
    }

    /// <summary>The public listener.</summary>
    public Uri Address { get; }

    /// <summary>The management listener, when <c>Management:Urls</c> is set.</summary>
    public Uri? ManagementAddress { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>Settings for a gateway in front of <paramref name="upstream"/>; <paramref name="overrides"/> win.</summary>
    public static Dictionary<string, string?> Settings(Uri upstream, IReadOnlyDictionary<string, string?>? overrides = null) =>
        AgentApiSettings.With(
            new Dictionary<string, string?>
            {
                ["ReverseProxy:Clusters:legacy:Destinations:primary:Address"] = upstream.ToString(),
                ["ReverseProxy:Routes:everything-else:ClusterId"] = "legacy",
                ["ReverseProxy:Routes:everything-else:Match:Path"] = "{**catch-all}",
            },
            overrides);

    /// <summary>Settings entries that put the gateway on a Redis store under its own key prefix.</summary>
    public static Dictionary<string, string?> OnRedis(string connectionString, string keyPrefix) => new()
    {
        ["Idempotency:Store:Provider"] = "Redis",
        ["Idempotency:Store:Redis:Configuration"] = connectionString,
        ["Idempotency:Store:Redis:KeyPrefix"] = keyPrefix,
    };

    /// <summary>Settings entries that put the gateway on a Redis nobody listens for: the store is down from the start.</summary>
    public static Dictionary<string, string?> OnUnreachableRedis() => OnRedis($"127.0.0.1:{FreePorts.Any()},connectTimeout=500", "down:");

    /// <summary>
    /// Services that put the gateway on <paramref name="time"/>, a fake clock say: the in-memory store's lifetimes, the
    /// leases and their renewals, <c>MaxWait</c> and <c>UpstreamTimeout</c> all run on it.
    /// </summary>
    public static Action<IServiceCollection> OnClock(TimeProvider time) => services => services.AddSingleton(time);

    public static async Task<GatewayHost> StartAsync(IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? configureServices = null, params string[] args)
    {
        var app = Build(settings, configureServices, args);
        await app.StartAsync();
        return new GatewayHost(app);
    }

    /// <summary>Builds (and so validates) a gateway without starting it.</summary>
    public static WebApplication Build(IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? configureServices = null, params string[] args) =>
        GatewayApplication.Create(["--urls", "http://127.0.0.1:0", .. args], configuration => configuration.AddInMemoryCollection(settings), configureServices);

    /// <summary>A client of this gateway that presents <paramref name="credential"/> (none when null).</summary>
    public HttpClient CreateClient(string? credential = DefaultCredential) => GatewayClients.Create(Address, credential);

    /// <summary>A client of this gateway's management listener that presents <paramref name="credential"/> (none when null).</summary>
    public HttpClient CreateManagementClient(string? credential = null) =>
        GatewayClients.Create(ManagementAddress ?? throw new InvalidOperationException("This gateway has no Management:Urls."), credential);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
