using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using WhetGateway.SampleApi;
using WhetGateway.SampleApi.Auth;

namespace WhetGateway.Tests.Infrastructure;

/// <summary>
/// The bundled sample API on real Kestrel, on a free loopback port, with a <see cref="SampleApiDoor"/> in front of its
/// endpoints: it counts every request that reaches it, keeps the <see cref="LabelHeader"/> of each, and holds the
/// requests that carry a <see cref="HoldHeader"/> until the test releases them.
/// </summary>
public sealed class SampleApiHost : IAsyncDisposable
{
    /// <summary>A request header a test may set to find out whether that very request reached the API.</summary>
    public const string LabelHeader = "X-Test-Label";

    /// <summary>
    /// A request header that holds the request, once counted and read whole, until <see cref="Release"/> names its
    /// value: an upstream call that stays open exactly as long as a test needs it to, where a delay would only guess.
    /// Like the API's own delay, a hold ignores a caller that gives up: the call still runs once released, as a slow
    /// backend's would.
    /// </summary>
    public const string HoldHeader = "X-Test-Hold";

    private readonly WebApplication _app;

    private SampleApiHost(WebApplication app, SampleApiDoor door)
    {
        _app = app;
        Door = door;
        Introspections = app.Services.GetRequiredService<IntrospectionCounter>();
        Address = new Uri(app.Urls.Single());
    }

    public Uri Address { get; }

    /// <summary>What the test sees of the API: its side effects, the requests that reached it, the held ones.</summary>
    public SampleApiDoor Door { get; }

    public SideEffectCounter SideEffects => Door.SideEffects;

    public IntrospectionCounter Introspections { get; }

    /// <inheritdoc cref="SampleApiDoor.RequestsReceived"/>
    public long RequestsReceived => Door.RequestsReceived;

    /// <inheritdoc cref="SampleApiDoor.RequestsLabelled"/>
    public int RequestsLabelled(string label) => Door.RequestsLabelled(label);

    /// <inheritdoc cref="SampleApiDoor.WaitUntilHeldAsync"/>
    public Task WaitUntilHeldAsync(string hold) => Door.WaitUntilHeldAsync(hold);

    /// <inheritdoc cref="SampleApiDoor.Release"/>
    public void Release(string hold) => Door.Release(hold);

    /// <summary>Starts the sample API; <paramref name="arguments"/> add settings such as <c>--Sample:JwtSigningKey=…</c>.</summary>
    public static async Task<SampleApiHost> StartAsync(params string[] arguments)
    {
        var app = SampleApiApplication.Create(["--urls", "http://127.0.0.1:0", .. arguments]);
        var door = new SampleApiDoor(app.Services.GetRequiredService<SideEffectCounter>());
        door.Open(app);
        await app.StartAsync();
        return new SampleApiHost(app, door);
    }

    public async ValueTask DisposeAsync()
    {
        Door.ReleaseAll();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
