using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace MinimalApi.Tests;

/// <summary>The sample app on real Kestrel, on a free loopback port, with its order book held by the test.</summary>
public sealed class OrderApiHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private OrderApiHost(WebApplication app, HeldOrderBook orders)
    {
        _app = app;
        Orders = orders;
        Address = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single());
    }

    public Uri Address { get; }

    public HeldOrderBook Orders { get; }

    /// <param name="redisConfiguration">A Redis to keep the records in, or null for the in-memory store.</param>
    public static async Task<OrderApiHost> StartAsync(string? redisConfiguration)
    {
        string[] args = redisConfiguration is null
            ? ["--urls", "http://127.0.0.1:0"]
            : ["--urls", "http://127.0.0.1:0", "--Redis:Configuration", redisConfiguration, "--Redis:KeyPrefix", $"sample:{Guid.NewGuid():N}:"];
        var orders = new HeldOrderBook();
        var app = OrderApp.Create(args, services => services.AddSingleton<OrderBook>(orders));
        await app.StartAsync();
        return new OrderApiHost(app, orders);
    }

    public HttpClient CreateClient(string credential)
    {
        var client = new HttpClient { BaseAddress = Address };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", credential);
        return client;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
