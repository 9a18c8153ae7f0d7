using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WhetGateway.Configuration;
using WhetGateway.Tests.Infrastructure;

namespace WhetGateway.Tests.Operations;

/// <summary>Files given with <c>--config</c> are layered over <c>appsettings.json</c>, as the README promises.</summary>
public sealed class ConfigFileLayeringTests : IDisposable
{
    private readonly string _configFile = Path.Combine(Path.GetTempPath(), $"whet-layering-{Guid.NewGuid():N}.json");

    public void Dispose() => File.Delete(_configFile);

    [Fact]
    public async Task A_config_file_overrides_a_setting_that_appsettings_json_also_sets()
    {
        // appsettings.json sets Idempotency:Scope:Source to Credential.
        ConfigFiles.Write(_configFile, new Dictionary<string, string?> { ["Idempotency:Scope:Source"] = "Global" });

        await using var app = GatewayHost.Build(new Dictionary<string, string?>(), configureServices: null, "--config", _configFile);

        Assert.Equal(ScopeSource.Global, app.Services.GetRequiredService<IOptions<IdempotencyOptions>>().Value.Scope.Source);
    }
}
