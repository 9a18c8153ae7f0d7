using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using WhetGateway.Admin;
using WhetGateway.Configuration;
using WhetGateway.Health;
using WhetGateway.Idempotency.Upstream;
using WhetGateway.Proxy;
using WhetGateway.Resources;
using WhetGateway.Scoping;
using WhetGateway.Storage;

namespace WhetGateway.Hosting;

/// <summary>Registers the gateway: YARP from the <c>ReverseProxy</c> section, idempotency from <c>Idempotency</c>.</summary>
public static class WhetGatewayServiceCollectionExtensions
{
    /// <summary>Adds the reverse proxy and its idempotency pipeline, configured from <paramref name="configuration"/>.</summary>
    public static IServiceCollection AddWhetGateway(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var idempotency = configuration.GetSection(IdempotencyOptions.SectionName);
        services.AddIdempotency(idempotency);
        if (idempotency.GetValue<StoreProvider>("Store:Provider") == StoreProvider.Redis)
        {
            services.AddRedisIdempotencyStore(idempotency.GetSection("Store:Redis"));
            services.AddHostedService<RedisStoreConnectionAtStart>();
        }

        services.Replace(ServiceDescriptor.Singleton<IUpstreamFailureReader, ForwarderFailureReader>());
        AddJwtScopeScheme(services);
        services.AddHostedService<StoreMemoryMonitor>();
        services.TryAddSingleton<AdminTokenFilter>();
        services.AddReverseProxy()
            .LoadFromConfig(configuration.GetSection("ReverseProxy"))
            .ConfigureHttpClient(static (_, handler) => handler.RequestHeaderEncodingSelector ??= ForwardHeadersAsReceived)
            .AddTransforms<IdempotencyRouteValidator>()
            .AddTransforms<ResourceEvictionTransformProvider>();
        services.AddHealthChecks().AddCheck<StoreHealthCheck>("store", tags: [OperationsEndpoints.ReadinessTag]);
        services.AddGatewayTelemetry(configuration);
        return services;
    }

    /// <summary>
    /// Kestrel accepts request header values in UTF-8, while the forwarder's HTTP client sends ASCII only and fails a
    /// request with anything else, which YARP would answer 502 as if the upstream had failed. Unless a cluster names
    /// its own <c>RequestHeaderEncoding</c>, headers go on in UTF-8: the bytes the client sent.
    /// </summary>
    private static Encoding ForwardHeadersAsReceived(string name, System.Net.Http.HttpRequestMessage request) => Encoding.UTF8;

    /// <summary>
    /// What the Jwt scope source needs: a JWT bearer scheme of its own, never a default scheme, so no other request is
    /// authenticated. Only the gateway registers it: an app's own authentication must not gain a scheme it did not ask for.
    /// </summary>
    private static void AddJwtScopeScheme(IServiceCollection services)
    {
        // ASP.NET Core makes a lone scheme the default, and WebApplication then authenticates every request with it.
        // This switch (documented for that purpose) keeps the scoping scheme to the requests the resolver asks about.
        AppContext.SetSwitch("Microsoft.AspNetCore.Authentication.SuppressAutoDefaultScheme", true);
        services.AddAuthentication().AddJwtBearer(JwtScopeResolver.AuthenticationScheme, _ => { });
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<JwtBearerOptions>, JwtScopeBearerOptionsSetup>());
    }
}
