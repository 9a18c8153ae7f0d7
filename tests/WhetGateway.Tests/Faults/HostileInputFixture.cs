using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WhetGateway.Tests.Infrastructure;

namespace WhetGateway.Tests.Faults;

/// <summary>
/// One sample API and one gateway in front of it for the whole hostile-input corpus, with a route of every policy
/// kind (<see cref="HostileRoute"/>): REST with the key in the body or the <c>Idempotency-Key</c> header, REST with a
/// response cache on (url, intent), and MCP. Each has a 1 MiB body cap; every gateway log entry at Error or above is kept.
/// </summary>
public sealed class HostileInputFixture : IAsyncLifetime
{
    private const string CachePolicy = "fetch-cache";
    private const string McpPolicy = "mcp-tools";

    public SampleApiHost Upstream { get; private set; } = null!;

    public GatewayHost Gateway { get; private set; } = null!;

    public ErrorLogCollector Errors { get; } = new();

    /// <summary>The path of the gateway's route of that kind.</summary>
    public static string PathOf(HostileRoute route) => route switch
    {
        HostileRoute.Rest => HostileCorpus.Path,
        HostileRoute.ResponseCache => "/fetch",
        _ => "/mcp-json",
    };

    public async Task InitializeAsync()
    {
        var maxBodyBytes = HostileCorpus.MaxBodyBytes.ToString(CultureInfo.InvariantCulture);
        Upstream = await SampleApiHost.StartAsync();
        Gateway = await GatewayHost.StartAsync(
            GatewayHost.Settings(Upstream.Address, new Dictionary<string, string?>
            {
                [$"Idempotency:Policies:{GatewayHost.Policy}:KeyHeader"] = HostileCorpus.KeyHeader,
                [$"Idempotency:Policies:{GatewayHost.Policy}:MaxRequestBodyBytes"] = maxBodyBytes,
                [$"Idempotency:Policies:{CachePolicy}:KeyHeader"] = HostileCorpus.KeyHeader,
                [$"Idempotency:Policies:{CachePolicy}:MaxRequestBodyBytes"] = maxBodyBytes,
                [$"Idempotency:Policies:{CachePolicy}:ResponseCache:Fields:0"] = "url",
                [$"Idempotency:Policies:{CachePolicy}:ResponseCache:Fields:1"] = "intent",
                ["ReverseProxy:Routes:fetch:Metadata:IdempotencyPolicy"] = CachePolicy,
                [$"Idempotency:Policies:{McpPolicy}:Protocol"] = "Mcp",
                [$"Idempotency:Policies:{McpPolicy}:Tools:0"] = "create_pipeline",
                [$"Idempotency:Policies:{McpPolicy}:MaxRequestBodyBytes"] = maxBodyBytes,
                ["ReverseProxy:Routes:mcp-json:ClusterId"] = "legacy",
                ["ReverseProxy:Routes:mcp-json:Match:Path"] = PathOf(HostileRoute.Mcp),
                ["ReverseProxy:Routes:mcp-json:Metadata:IdempotencyPolicy"] = McpPolicy,
            }),
            services => services.AddLogging(logging => logging.AddProvider(Errors)));
    }

    public async Task DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Upstream.DisposeAsync();
    }
}
