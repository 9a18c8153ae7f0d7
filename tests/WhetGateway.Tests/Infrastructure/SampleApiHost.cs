using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using WhetGateway.SampleApi;

namespace WhetGateway.Tests.Infrastructure;

/// <summary>
/// The bundled sample API on real Kestrel, on a free loopback port. Besides the API's own side-effect counters, it
/// counts every request that reaches it, whatever becomes of it.
/// </summary>
public sealed class SampleApiHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly StrongBox<long> _requestsReceived;

    private SampleApiHost(WebApplication app, StrongBox<long> requestsReceived)
    {
        _app = app;
        _requestsReceived = requestsReceived;
        Address = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single());
        SideEffects = app.Services.GetRequiredService<SideEffectCounter>();
    }

    public Uri Address { get; }

    public SideEffectCounter SideEffects { get; }

    /// <summary>Requests that reached the API, counted as they arrive, before any handler, hook or validation.</summary>
    public long RequestsReceived => Interlocked.Read(ref _requestsReceived.Value);

    public static async Task<SampleApiHost> StartAsync()
    {
        var app = SampleApiApplication.Create(["--urls", "http://127.0.0.1:0"]);
        var requestsReceived = new StrongBox<long>();
        app.Use((context, next) =>
        {
            Interlocked.Increment(ref requestsReceived.Value);
            return next(context);
        });
        await app.StartAsync();
        return new SampleApiHost(app, requestsReceived);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
