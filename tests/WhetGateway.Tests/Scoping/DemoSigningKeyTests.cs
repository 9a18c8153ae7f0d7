using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WhetGateway.Tests.Gateway;
using WhetGateway.Tests.Infrastructure;

namespace WhetGateway.Tests.Scoping;

/// <summary>
/// The bundled demo configuration trusts the sample API's published signing key: the gateway runs it only when told
/// explicitly that this is a demo, and says so in its log.
/// </summary>
public sealed class DemoSigningKeyTests : UpstreamTestBase
{
    private const string DemoSwitch = "Idempotency:Scope:Jwt:AllowDemoSigningKey";

    private static readonly string[] SampleConfig = ["--config", RepositoryRoot.File("config/sample.json")];

    [Fact]
    public void The_bundled_sample_configuration_does_not_start_without_the_demo_switch()
    {
        var failure = Assert.ThrowsAny<Exception>(() => GatewayHost.Build(SampleSettings(allowDemoKey: false), configureServices: null, SampleConfig));

        Assert.Contains("Idempotency:Scope:Jwt:SigningKey is the sample's published demo key", failure.Message, StringComparison.Ordinal);
        Assert.Contains(DemoSwitch, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_the_demo_switch_the_sample_APIs_own_tokens_scope_requests_as_in_the_quick_start()
    {
        await using var gateway = await GatewayHost.StartAsync(SampleSettings(allowDemoKey: true), configureServices: null, SampleConfig);
        using var client = gateway.CreateClient(credential: null);
        var token = await client.GetStringAsync("/auth/demo-token?org=org_a");
        var body = Requests.CreatePipeline(Requests.NewKey());

        using var first = await client.SendAsync(Requests.Post("/pipelines/from-intent", body, ("Authorization", $"Bearer {token}")));
        using var retry = await client.SendAsync(Requests.Post("/pipelines/from-intent", body, ("Authorization", $"Bearer {token}")));

        Assert.True(retry.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(1, Upstream.SideEffects.Count("pipelines.create"));
    }

    [Fact]
    public async Task Trusting_the_demo_key_is_logged_as_a_warning_at_start()
    {
        var logs = new ConcurrentQueue<string>();

        await using var gateway = await GatewayHost.StartAsync(SampleSettings(allowDemoKey: true),
            services => services.AddLogging(logging => logging.AddProvider(new LogCapture(logs))), SampleConfig);

        Assert.Contains(logs, entry => entry.Contains($"Warning {DemoSwitch} is on", StringComparison.Ordinal));
    }

    /// <summary>The settings <c>config/sample.json</c> leaves to its runner: where the sample API is, and the demo switch.</summary>
    private Dictionary<string, string?> SampleSettings(bool allowDemoKey) => new()
    {
        ["Logging:LogLevel:Default"] = "Warning",
        ["ReverseProxy:Clusters:legacy:Destinations:sample-api:Address"] = Upstream.Address.ToString(),
        [DemoSwitch] = allowDemoKey ? "true" : "false",
    };
}
