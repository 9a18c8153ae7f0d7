using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using WhetGateway.SampleApi;
using WhetGateway.SampleApi.Auth;

namespace WhetGateway.Tests.Infrastructure;

/// <summary>The bundled sample API on real Kestrel, on a free loopback port.</summary>
public sealed class SampleApiHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SampleApiHost(WebApplication app)
    {
        _app = app;
        Address = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single());
        SideEffects = app.Services.GetRequiredService<SideEffectCounter>();
        Introspections = app.Services.GetRequiredService<IntrospectionCounter>();
    }

    public Uri Address { get; }

    public SideEffectCounter SideEffects { get; }

    public IntrospectionCounter Introspections { get; }

    /// <summary>Starts the sample API; <paramref name="arguments"/> add settings such as <c>--Sample:JwtSigningKey=…</c>.</summary>
    public static async Task<SampleApiHost> StartAsync(params string[] arguments)
    {
        var app = SampleApiApplication.Create(["--urls", "http://127.0.0.1:0", .. arguments]);
        await app.StartAsync();
        return new SampleApiHost(app);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
