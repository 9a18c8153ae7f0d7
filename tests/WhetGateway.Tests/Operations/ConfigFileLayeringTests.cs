using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
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
        // appsettings.json logs the Yarp category from Warning up.
        ConfigFiles.Write(_configFile, new Dictionary<string, string?> { ["Logging:LogLevel:Yarp"] = "Information" });

        await using var app = GatewayHost.Build(new Dictionary<string, string?>(), configureServices: null, "--config", _configFile);

        Assert.True(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Yarp.ReverseProxy").IsEnabled(LogLevel.Information));
    }
}
