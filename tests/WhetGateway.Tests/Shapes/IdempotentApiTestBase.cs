using Microsoft.Extensions.DependencyInjection;
using WhetGateway.Tests.Infrastructure;

namespace WhetGateway.Tests.Shapes;

/// <summary>
/// Starts, for every test, the sample API made idempotent in the test class's <see cref="Shape"/>, on the store its
/// <see cref="SettingOverrides"/> name: a specification written on this base holds for every shape and store it runs on.
/// </summary>
public abstract class IdempotentApiTestBase : IAsyncLifetime
{
    /// <summary>Where the middleware runs; a new one for every test.</summary>
    protected abstract IApiShape Shape { get; }

    /// <summary>Settings on top of <see cref="AgentApiSettings"/>, e.g. a Redis store or policy changes.</summary>
    protected virtual IReadOnlyDictionary<string, string?> SettingOverrides => new Dictionary<string, string?>();

    /// <summary>What the test sees of the sample API behind the middleware.</summary>
    protected SampleApiDoor Upstream => Shape.Door;

    /// <summary>The idempotent API the test's clients call.</summary>
    protected IIdempotentApi Api { get; private set; } = null!;

    protected HttpClient Client { get; private set; } = null!;

    /// <summary>A client with no credential of its own: each request says who it is in its headers.</summary>
    protected HttpClient AnonymousClient { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Shape.StartAsync();
        Api = await Shape.StartApiAsync(SettingOverrides, WatchedStore.Install);
        Client = Api.CreateClient();
        AnonymousClient = Api.CreateClient(credential: null);
    }

    public async Task DisposeAsync()
    {
        // A test that failed before releasing its holds must not keep the API from stopping.
        Upstream.ReleaseAll();
        Client.Dispose();
        AnonymousClient.Dispose();
        await Api.DisposeAsync();
        await Shape.DisposeAsync();
    }

    /// <summary>Another instance of the API, on <see cref="SettingOverrides"/> plus <paramref name="extra"/>, in front of the same sample API.</summary>
    protected Task<IIdempotentApi> StartApiAsync(IReadOnlyDictionary<string, string?> extra) =>
        Shape.StartApiAsync(SettingOverrides.Concat(extra).ToDictionary(pair => pair.Key, pair => pair.Value));

    protected Task<HttpResponseMessage> CreatePipelineAsync(string key, string intent = "Track for analytical drafts, daily.", params (string Name, string Value)[] headers) =>
        Client.SendAsync(Requests.Post("/pipelines/from-intent", Requests.CreatePipeline(key, intent), headers));

    /// <summary>Creates a pipeline with <paramref name="key"/> as a client that may give up on it by <paramref name="cancellation"/>.</summary>
    protected Task<HttpResponseMessage> CreatePipelineAsync(string key, CancellationToken cancellation, params (string Name, string Value)[] headers) =>
        Client.SendAsync(Requests.Post("/pipelines/from-intent", Requests.CreatePipeline(key), headers), cancellation);

    protected long Executions(string operation = "pipelines.create") => Upstream.SideEffects.Count(operation);

    /// <summary>Completes once a request to <see cref="Api"/> has found its key's original in flight: it waits for it now.</summary>
    protected Task DuplicateWaitingAsync() => Api.Services.GetRequiredService<WatchedStore>().DuplicateWaitingAsync();
}
