using Microsoft.Extensions.DependencyInjection;
using WhetGateway.Tests.Infrastructure;

namespace WhetGateway.Tests.Gateway;

/// <summary>Starts a fresh sample API and one gateway in front of it for every test.</summary>
public abstract class GatewayTestBase : UpstreamTestBase
{
    protected GatewayHost Gateway { get; private set; } = null!;

    protected HttpClient Client { get; private set; } = null!;

    /// <summary>A client with no credential of its own: each request says who it is in its headers.</summary>
    protected HttpClient AnonymousClient { get; private set; } = null!;

    /// <summary>Settings on top of <see cref="GatewayHost.Settings"/>, e.g. a Redis store or policy changes.</summary>
    protected virtual IReadOnlyDictionary<string, string?> SettingOverrides => new Dictionary<string, string?>();

    /// <summary><see cref="SettingOverrides"/> plus <paramref name="extra"/>, for a second gateway on the same store.</summary>
    protected IReadOnlyDictionary<string, string?> WithSettings(IReadOnlyDictionary<string, string?> extra) =>
        SettingOverrides.Concat(extra).ToDictionary(pair => pair.Key, pair => pair.Value);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Gateway = await GatewayHost.StartAsync(GatewayHost.Settings(Upstream.Address, SettingOverrides), WatchedStore.Install);
        Client = Gateway.CreateClient();
        AnonymousClient = Gateway.CreateClient(credential: null);
    }

    public override async Task DisposeAsync()
    {
        Client.Dispose();
        AnonymousClient.Dispose();
        await Gateway.DisposeAsync();
        await base.DisposeAsync();
    }

    protected Task<HttpResponseMessage> CreatePipelineAsync(string key, string intent = "Track for analytical drafts, daily.", params (string Name, string Value)[] headers) =>
        Client.SendAsync(Requests.Post("/pipelines/from-intent", Requests.CreatePipeline(key, intent), headers));

    /// <summary>Creates a pipeline with <paramref name="key"/> as a client that may give up on it by <paramref name="cancellation"/>.</summary>
    protected Task<HttpResponseMessage> CreatePipelineAsync(string key, CancellationToken cancellation, params (string Name, string Value)[] headers) =>
        Client.SendAsync(Requests.Post("/pipelines/from-intent", Requests.CreatePipeline(key), headers), cancellation);

    /// <summary>Creates a pipeline with <paramref name="key"/> as the caller that <paramref name="caller"/> headers describe.</summary>
    protected Task<HttpResponseMessage> CreatePipelineAsAsync(string key, params (string Name, string Value)[] caller) =>
        AnonymousClient.SendAsync(Requests.Post("/pipelines/from-intent", Requests.CreatePipeline(key), caller));

    protected long Executions(string operation = "pipelines.create") => Upstream.SideEffects.Count(operation);

    /// <summary>Completes once a request to <see cref="Gateway"/> has found its key's original in flight: it waits for it now.</summary>
    protected Task DuplicateWaitingAsync() => Gateway.Services.GetRequiredService<WatchedStore>().DuplicateWaitingAsync();
}
