using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WhetGateway.Configuration;
using WhetGateway.Idempotency;
using WhetGateway.SampleApi;
using WhetGateway.Tests.Infrastructure;

namespace WhetGateway.Tests.InProcess;

/// <summary>
/// The sample API made idempotent in-process, on real Kestrel on a free loopback port: the API's own services and
/// endpoints in an app that adds <c>AddIdempotency</c> bound to the <c>Idempotency</c> section of its settings (and
/// <c>AddRedisIdempotencyStore</c> when its store is Redis), then <c>UseIdempotency</c>, then a
/// <see cref="SampleApiDoor"/> in front of the endpoints. Each endpoint that the settings' route table puts under a
/// policy (<c>ReverseProxy:Routes:{route}:Metadata:IdempotencyPolicy</c>, as the gateway reads it) runs under that
/// policy, named by endpoint metadata as <c>WithIdempotency</c> names it; so one settings dictionary describes both shapes.
/// </summary>
public sealed class InProcessSampleApi : IIdempotentApi
{
    private readonly WebApplication _app;

    private InProcessSampleApi(WebApplication app)
    {
        _app = app;
        Address = new Uri(app.Urls.Single());
    }

    public Uri Address { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>
    /// Starts the app on <paramref name="settings"/>, its side effects, requests and holds seen at <paramref name="door"/>;
    /// <paramref name="configureServices"/> may add services last.
    /// </summary>
    public static async Task<InProcessSampleApi> StartAsync(IReadOnlyDictionary<string, string?> settings, SampleApiDoor door, Action<IServiceCollection>? configureServices = null)
    {
        var builder = SampleApiApplication.CreateBuilder(["--urls", "http://127.0.0.1:0"]);
        builder.Configuration.AddInMemoryCollection(settings);
        var idempotency = builder.Configuration.GetSection(IdempotencyOptions.SectionName);
        builder.Services.AddIdempotency(idempotency);
        if (idempotency.GetValue<StoreProvider>("Store:Provider") == StoreProvider.Redis)
        {
            builder.Services.AddRedisIdempotencyStore(idempotency.GetSection("Store:Redis"));
        }

        builder.Services.Replace(ServiceDescriptor.Singleton(door.SideEffects));
        configureServices?.Invoke(builder.Services);

        var app = builder.Build();
        app.UseIdempotency();
        door.Open(app);
        var endpoints = app.MapGroup(string.Empty);
        var policies = PoliciesByPath(app.Configuration);
        ((IEndpointConventionBuilder)endpoints).Add(endpoint => NamePolicy(endpoint, policies));
        SampleApiApplication.MapApi(app, endpoints);
        await app.StartAsync();
        return new InProcessSampleApi(app);
    }

    public HttpClient CreateClient(string? credential = GatewayHost.DefaultCredential) => GatewayClients.Create(Address, credential);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>The policy the route table names for each path it matches.</summary>
    private static Dictionary<string, string> PoliciesByPath(IConfiguration configuration) =>
        configuration.GetSection("ReverseProxy:Routes").GetChildren()
            .Where(route => route[$"Metadata:{IdempotencyPolicyRegistry.MetadataKey}"] is not null && route["Match:Path"] is not null)
            .ToDictionary(route => route["Match:Path"]!, route => route[$"Metadata:{IdempotencyPolicyRegistry.MetadataKey}"]!, StringComparer.Ordinal);

    private static void NamePolicy(EndpointBuilder endpoint, Dictionary<string, string> policies)
    {
        if (endpoint is RouteEndpointBuilder { RoutePattern.RawText: { } path } && policies.TryGetValue(path, out var policy))
        {
            endpoint.Metadata.Add(new IdempotentAttribute(policy));
        }
    }
}
