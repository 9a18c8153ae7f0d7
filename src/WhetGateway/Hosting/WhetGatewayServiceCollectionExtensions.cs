using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using WhetGateway.Admin;
using WhetGateway.Configuration;
using WhetGateway.Health;
using WhetGateway.Idempotency;
using WhetGateway.Resources;
using WhetGateway.Scoping;
using WhetGateway.Storage;
using WhetGateway.Storage.InMemory;
using WhetGateway.Storage.Redis;
using WhetGateway.Telemetry;

namespace WhetGateway.Hosting;

/// <summary>Registers the gateway: YARP from the <c>ReverseProxy</c> section, idempotency from <c>Idempotency</c>.</summary>
public static class WhetGatewayServiceCollectionExtensions
{
    // The store itself, under the instrumented IIdempotencyStore that requests use; the memory monitor reads it too.
    private const string StoreBackendKey = "WhetGateway.StoreBackend";

    /// <summary>Adds the reverse proxy and its idempotency pipeline, configured from <paramref name="configuration"/>.</summary>
    public static IServiceCollection AddWhetGateway(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<IdempotencyOptions>()
            .Bind(configuration.GetSection(IdempotencyOptions.SectionName), binder => binder.ErrorOnUnknownConfiguration = true)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<IdempotencyOptions>, IdempotencyOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IdempotencyPolicyRegistry>();
        AddScopeSources(services);
        services.TryAddSingleton<IdempotencyTelemetry>();
        services.TryAddKeyedSingleton(StoreBackendKey, (provider, _) => CreateStoreBackend(provider));
        services.TryAddSingleton(CreateStore);
        services.TryAddSingleton(provider => (IStoreMemory)provider.GetRequiredKeyedService<IIdempotencyStore>(StoreBackendKey));
        services.AddHostedService<StoreMemoryMonitor>();
        services.TryAddSingleton<ResourceEvictor>();
        services.TryAddSingleton<AdminTokenFilter>();
        services.TryAddSingleton<PendingRecords>();
        services.AddHostedService(provider => provider.GetRequiredService<PendingRecords>());
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
    /// The resolver of the configured <c>Idempotency:Scope:Source</c>, and what the Jwt and Introspection sources
    /// need: a JWT bearer scheme of their own (never a default scheme, so no other request is authenticated) and a
    /// named HTTP client.
    /// </summary>
    private static void AddScopeSources(IServiceCollection services)
    {
        services.TryAddSingleton(CreateScopeResolver);

        // ASP.NET Core makes a lone scheme the default, and WebApplication then authenticates every request with it.
        // This switch (documented for that purpose) keeps the scoping scheme to the requests the resolver asks about.
        AppContext.SetSwitch("Microsoft.AspNetCore.Authentication.SuppressAutoDefaultScheme", true);
        services.AddAuthentication().AddJwtBearer(JwtScopeResolver.AuthenticationScheme, _ => { });
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<JwtBearerOptions>, JwtScopeBearerOptionsSetup>());
        services.AddHttpClient(IntrospectionScopeResolver.HttpClientName, (provider, client) =>
        {
            client.Timeout = provider.GetRequiredService<IOptions<IdempotencyOptions>>().Value.Scope.Introspection.Timeout;
            client.MaxResponseContentBufferSize = IntrospectionScopeResolver.MaxAnswerBytes;
        });
    }

    private static IScopeResolver CreateScopeResolver(IServiceProvider services)
    {
        var scope = services.GetRequiredService<IOptions<IdempotencyOptions>>().Value.Scope;
        return scope.Source switch
        {
            ScopeSource.Global => new GlobalScopeResolver(),
            ScopeSource.Jwt => new JwtScopeResolver(scope.Jwt.OrganizationClaim),
            ScopeSource.Introspection => ActivatorUtilities.CreateInstance<IntrospectionScopeResolver>(services, scope.Introspection),
            ScopeSource.Header => new HeaderScopeResolver(scope.Header.Name!),
            _ => new CredentialScopeResolver(scope.CredentialHeader),
        };
    }

    private static IIdempotencyStore CreateStore(IServiceProvider services) =>
        new InstrumentedIdempotencyStore(services.GetRequiredKeyedService<IIdempotencyStore>(StoreBackendKey), services.GetRequiredService<IdempotencyTelemetry>());

    private static IIdempotencyStore CreateStoreBackend(IServiceProvider services)
    {
        var store = services.GetRequiredService<IOptions<IdempotencyOptions>>().Value.Store;
        if (store.Provider == StoreProvider.InMemory)
        {
            return new InMemoryIdempotencyStore(
                services.GetRequiredService<TimeProvider>(), store.InMemory.SizeLimitBytes, services.GetRequiredService<ILogger<InMemoryIdempotencyStore>>());
        }

        var options = ConfigurationOptions.Parse(store.Redis.Configuration!);
        options.AbortOnConnectFail = false;
        options.BacklogPolicy = BacklogPolicy.FailFast;
        options.AsyncTimeout = options.SyncTimeout = (int)store.Redis.OperationTimeout.TotalMilliseconds;
        options.AllowAdmin = true; // for CONFIG GET maxmemory-policy at start and INFO memory once a minute; no other admin command is sent
        var connection = ConnectionMultiplexer.Connect(options);
        var logger = services.GetRequiredService<ILogger<RedisIdempotencyStore>>();
        try
        {
            RedisEvictionPolicyCheck.Run(connection, store.Redis.EvictionPolicyCheck, logger);
        }
        catch
        {
            connection.Dispose();
            throw;
        }

        return new RedisIdempotencyStore(connection, store.Redis.KeyPrefix, services.GetRequiredService<TimeProvider>(), logger);
    }
}
