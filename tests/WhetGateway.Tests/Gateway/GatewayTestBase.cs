using WhetGateway.Tests.Infrastructure;

namespace WhetGateway.Tests.Gateway;

/// <summary>Starts a fresh sample API and one gateway in front of it for every test.</summary>
public abstract class GatewayTestBase : IAsyncLifetime
{
    protected SampleApiHost Upstream { get; private set; } = null!;

    protected GatewayHost Gateway { get; private set; } = null!;

    protected HttpClient Client { get; private set; } = null!;

    /// <summary>Settings on top of <see cref="GatewayHost.Settings"/>, e.g. a Redis store or policy changes.</summary>
    protected virtual IReadOnlyDictionary<string, string?> SettingOverrides => new Dictionary<string, string?>();

    public virtual async Task InitializeAsync()
    {
        Upstream = await SampleApiHost.StartAsync();
        Gateway = await GatewayHost.StartAsync(GatewayHost.Settings(Upstream.Address, SettingOverrides));
        Client = Gateway.CreateClient();
    }

    public virtual async Task DisposeAsync()
    {
        Client.Dispose();
        await Gateway.DisposeAsync();
        await Upstream.DisposeAsync();
    }

    protected Task<HttpResponseMessage> CreatePipelineAsync(string key, string intent = "Track for analytical drafts, daily.", params (string Name, string Value)[] headers) =>
        Client.SendAsync(Requests.Post("/pipelines/from-intent", Requests.CreatePipeline(key, intent), headers));

    protected long Executions(string operation = "pipelines.create") => Upstream.SideEffects.Count(operation);
}
