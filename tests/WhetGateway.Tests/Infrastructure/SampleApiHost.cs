using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using WhetGateway.SampleApi;
using WhetGateway.SampleApi.Auth;

namespace WhetGateway.Tests.Infrastructure;

/// <summary>
/// The bundled sample API on real Kestrel, on a free loopback port. Besides the API's own side-effect counters, it
/// counts every request that reaches it, whatever becomes of it, keeps the <see cref="LabelHeader"/> of each, and
/// holds at its door the requests that carry a <see cref="HoldHeader"/> until the test releases them.
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
    private readonly StrongBox<long> _requestsReceived;
    private readonly ConcurrentDictionary<string, int> _labels;
    private readonly Holds _holds;

    private SampleApiHost(WebApplication app, StrongBox<long> requestsReceived, ConcurrentDictionary<string, int> labels, Holds holds)
    {
        _app = app;
        _requestsReceived = requestsReceived;
        _labels = labels;
        _holds = holds;
        Introspections = app.Services.GetRequiredService<IntrospectionCounter>();
        Address = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single());
        SideEffects = app.Services.GetRequiredService<SideEffectCounter>();
    }

    public Uri Address { get; }

    public SideEffectCounter SideEffects { get; }

    public IntrospectionCounter Introspections { get; }

    /// <summary>Requests that reached the API, counted as they arrive, before any handler, hook or validation.</summary>
    public long RequestsReceived => Interlocked.Read(ref _requestsReceived.Value);

    /// <summary>How many requests carrying <paramref name="label"/> in <see cref="LabelHeader"/> reached the API.</summary>
    public int RequestsLabelled(string label) => _labels.GetValueOrDefault(label);

    /// <summary>Completes once a request carrying <paramref name="hold"/> in <see cref="HoldHeader"/> is held here: its caller's call is open.</summary>
    public Task WaitUntilHeldAsync(string hold) => _holds.ReachedAsync(hold);

    /// <summary>Lets the requests held under <paramref name="hold"/> go on, and any that arrive with it later.</summary>
    public void Release(string hold) => _holds.Release(hold);

    /// <summary>Starts the sample API; <paramref name="arguments"/> add settings such as <c>--Sample:JwtSigningKey=…</c>.</summary>
    public static async Task<SampleApiHost> StartAsync(params string[] arguments)
    {
        var app = SampleApiApplication.Create(["--urls", "http://127.0.0.1:0", .. arguments]);
        var requestsReceived = new StrongBox<long>();
        var labels = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var holds = new Holds();
        app.Use(async (context, next) =>
        {
            Interlocked.Increment(ref requestsReceived.Value);
            if (context.Request.Headers[LabelHeader] is [{ } label])
            {
                labels.AddOrUpdate(label, 1, static (_, count) => count + 1);
            }

            if (context.Request.Headers[HoldHeader] is [{ } hold])
            {
                // The whole request first, as a backend at work on it has: a caller that drops the connection meanwhile
                // (a killed gateway) leaves a call that still runs once released.
                context.Request.EnableBuffering();
                await context.Request.Body.CopyToAsync(Stream.Null);
                context.Request.Body.Position = 0;
                await holds.HoldAsync(hold);
            }

            await next(context);
        });
        await app.StartAsync();
        return new SampleApiHost(app, requestsReceived, labels, holds);
    }

    public async ValueTask DisposeAsync()
    {
        // A test that failed before releasing its holds must not keep the API from stopping.
        _holds.ReleaseAll();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
