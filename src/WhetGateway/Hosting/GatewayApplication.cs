using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WhetGateway.Admin;
using WhetGateway.Configuration;
using WhetGateway.Management;
using WhetGateway.Idempotency;
using Yarp.ReverseProxy.Configuration;

namespace WhetGateway.Hosting;

/// <summary>Builds the gateway host: Kestrel, YARP routes from configuration, and the idempotency pipeline.</summary>
public static class GatewayApplication
{
    /// <summary>
    /// Creates the gateway from the command line (<c>--config &lt;file&gt;</c> repeatable, <c>--urls</c>, and any
    /// <c>Section:Key=value</c>). <paramref name="configure"/> may add configuration last and
    /// <paramref name="configureServices"/> may add services last (an exporter, say), as tests and embedders do.
    /// The application is built, not started; invalid settings throw here or at start, naming the field.
    /// </summary>
    public static WebApplication Create(string[] args, Action<IConfigurationBuilder>? configure = null, Action<IServiceCollection>? configureServices = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        ConfigFileArguments.AddTo(builder.Configuration, args);
        configure?.Invoke(builder.Configuration);
        ManagementListener.AddTo(builder);
        builder.Services.AddWhetGateway(builder.Configuration);
        configureServices?.Invoke(builder.Services);

        var app = builder.Build();

        var options = app.Services.GetRequiredService<IOptions<IdempotencyOptions>>().Value;
        DemoSigningKey.WarnIfTrusted(options.Scope, app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(GatewayApplication)));
        OperationsEndpoints.Map(app);
        if (options.Admin.Enabled)
        {
            AdminEndpoints.Map(app, options.Admin.PathBase);
        }

        app.MapReverseProxy(proxy =>
        {
            proxy.UseIdempotency();
            proxy.UseSessionAffinity();
            proxy.UseLoadBalancing();
            proxy.UsePassiveHealthChecks();
        }).ConfigureEndpoints(NameIdempotencyPolicy);
        return app;
    }

    /// <summary>
    /// A route's <c>IdempotencyPolicy</c> metadata becomes the endpoint metadata the idempotency middleware reads,
    /// as YARP itself turns a route's <c>OutputCachePolicy</c> into endpoint metadata.
    /// </summary>
    private static void NameIdempotencyPolicy(IEndpointConventionBuilder endpoint, RouteConfig route)
    {
        if (route.Metadata is not null && route.Metadata.TryGetValue(IdempotencyPolicyRegistry.MetadataKey, out var policyName))
        {
            endpoint.WithIdempotency(policyName);
        }
    }
}
