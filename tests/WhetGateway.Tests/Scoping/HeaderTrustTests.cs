using Microsoft.Extensions.Options;
using WhetGateway.Tests.Gateway;
using WhetGateway.Tests.Infrastructure;

namespace WhetGateway.Tests.Scoping;

/// <summary>An organization header counts only when the operator declares the proxy that sets it trusted.</summary>
public sealed class HeaderTrustTests : GatewayTestBase
{
    [Fact]
    public async Task An_organization_header_is_ignored_unless_trusted_mode_is_on()
    {
        var key = Requests.NewKey();

        using var victim = await CreatePipelineAsAsync(key, ("Authorization", "Bearer victim"), ("X-Organization-Id", "org_a"));
        using var spoofer = await CreatePipelineAsAsync(key, ("Authorization", "Bearer spoofer"), ("X-Organization-Id", "org_a"));

        Assert.False(spoofer.Headers.Contains("Idempotent-Replayed"));
        Assert.NotEqual(await victim.Content.ReadAsStringAsync(), await spoofer.Content.ReadAsStringAsync());
        Assert.Equal(2, Executions());
    }

    [Fact]
    public void The_header_source_without_trusted_mode_refuses_to_start_and_explains_the_trust_model()
    {
        var settings = GatewayHost.Settings(Upstream.Address, new Dictionary<string, string?>
        {
            ["Idempotency:Scope:Source"] = "Header",
            ["Idempotency:Scope:Header:Name"] = "X-Organization-Id",
        });

        var failure = Assert.Throws<OptionsValidationException>(() => GatewayHost.Build(settings));

        Assert.Contains("Idempotency:Scope:Header:Trusted", failure.Message, StringComparison.Ordinal);
        Assert.Contains("X-Organization-Id", failure.Message, StringComparison.Ordinal);
        Assert.Contains("authenticating proxy", failure.Message, StringComparison.Ordinal);
    }
}
