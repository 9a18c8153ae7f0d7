using Microsoft.Extensions.Options;
using WhetGateway.Tests.Infrastructure;

namespace WhetGateway.Tests.Gateway;

/// <summary>A configuration that cannot work stops the gateway at start, with a message naming the field.</summary>
public sealed class StartupValidationTests
{
    private static readonly Uri Upstream = new("http://127.0.0.1:9/");

    [Fact]
    public async Task A_route_naming_an_unknown_policy_stops_the_start_naming_route_and_policy()
    {
        var settings = GatewayHost.Settings(Upstream, new Dictionary<string, string?> { ["ReverseProxy:Routes:fetch:Metadata:IdempotencyPolicy"] = "agent-apj" });

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => GatewayHost.StartAsync(settings));

        var message = Flatten(failure);
        Assert.Contains("ReverseProxy:Routes:fetch:Metadata:IdempotencyPolicy", message, StringComparison.Ordinal);
        Assert.Contains("agent-apj", message, StringComparison.Ordinal);
    }

    [Fact]
    public void MinKeyLength_above_MaxKeyLength_stops_the_start_naming_the_field()
    {
        var settings = GatewayHost.Settings(Upstream, new Dictionary<string, string?>
        {
            [$"Idempotency:Policies:{GatewayHost.Policy}:MinKeyLength"] = "64",
            [$"Idempotency:Policies:{GatewayHost.Policy}:MaxKeyLength"] = "32",
        });

        var failure = Assert.Throws<OptionsValidationException>(() => GatewayHost.Build(settings));

        Assert.Contains($"Idempotency:Policies:{GatewayHost.Policy}:MaxKeyLength", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_misspelt_policy_setting_stops_the_start_naming_it()
    {
        var settings = GatewayHost.Settings(Upstream, new Dictionary<string, string?> { [$"Idempotency:Policies:{GatewayHost.Policy}:KeyFeild"] = "key" });

        var failure = Assert.ThrowsAny<Exception>(() => GatewayHost.Build(settings));

        Assert.Contains("KeyFeild", Flatten(failure), StringComparison.Ordinal);
    }

    [Fact]
    public void A_duration_that_does_not_parse_stops_the_start_naming_the_field()
    {
        var settings = GatewayHost.Settings(Upstream, new Dictionary<string, string?> { [$"Idempotency:Policies:{GatewayHost.Policy}:LeaseDuration"] = "ten seconds" });

        var failure = Assert.ThrowsAny<Exception>(() => GatewayHost.Build(settings));

        Assert.Contains("LeaseDuration", Flatten(failure), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_bundled_sample_configuration_starts_with_the_demo_switch()
    {
        var demo = new Dictionary<string, string?> { ["Idempotency:Scope:Jwt:AllowDemoSigningKey"] = "true" };
        await using var gateway = await GatewayHost.StartAsync(demo, configureServices: null, "--config", RepositoryRoot.File("config/sample.json"));
        using var client = gateway.CreateClient();

        using var ready = await client.GetAsync("/readyz");

        Assert.Equal(System.Net.HttpStatusCode.OK, ready.StatusCode);
    }

    private static string Flatten(Exception exception) =>
        string.Join(" | ", Enumerable.Repeat(exception, 1).Concat(exception is AggregateException aggregate ? aggregate.Flatten().InnerExceptions : [])
            .SelectMany(e => new[] { e.Message, e.InnerException?.Message ?? string.Empty }));
}
