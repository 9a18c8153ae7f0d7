using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WhetGateway.Configuration;
using WhetGateway.Idempotency;
using WhetGateway.Idempotency.Upstream;
using WhetGateway.Resources;
using WhetGateway.Routing;
using WhetGateway.Scoping;
using WhetGateway.Storage;
using WhetGateway.Storage.InMemory;
using WhetGateway.Telemetry;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the idempotency services that <c>UseIdempotency</c> runs on.</summary>
public static class IdempotencyServiceCollectionExtensions
{
    /// <summary>
    /// Adds idempotency configured from <paramref name="section"/>, the same <c>Idempotency</c> section the gateway
    /// reads (<c>Policies</c>, <c>Scope</c>, <c>Store:InMemory</c>). A misspelt or invalid setting stops the start;
    /// a later change to the policies is taken up for new requests, or refused (logged) when invalid. Records are
    /// kept in memory unless a store package (<c>AddRedisIdempotencyStore</c>) replaces the store.
    /// </summary>
    /// <param name="services">The application's services.</param>
    /// <param name="section">The <c>Idempotency</c> configuration section.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    public static IServiceCollection AddIdempotency(this IServiceCollection services, IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(section);
        services.AddOptions<IdempotencyOptions>().Bind(section, binder => binder.ErrorOnUnknownConfiguration = true);
        services.TryAddSingleton(new IdempotencySection(section));
        var errorFormat = Enum.TryParse<IdempotencyErrorFormat>(section[nameof(IdempotencyOptions.ErrorFormat)], ignoreCase: true, out var format) ? format : default;
        return AddIdempotencyServices(services, errorFormat);
    }

    /// <summary>Adds idempotency configured in code. Records are kept in memory unless a store package replaces the store.</summary>
    /// <param name="services">The application's services.</param>
    /// <param name="configure">Sets the policies and the scope.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    public static IServiceCollection AddIdempotency(this IServiceCollection services, Action<IdempotencyOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.Configure(configure);
        var probe = new IdempotencyOptions();
        configure(probe);
        return AddIdempotencyServices(services, probe.ErrorFormat);
    }

    /// <param name="services">The application's services.</param>
    /// <param name="errorFormat">The error format configured: problem details need ASP.NET Core's problem details service.</param>
    private static IServiceCollection AddIdempotencyServices(IServiceCollection services, IdempotencyErrorFormat errorFormat)
    {
        if (errorFormat == IdempotencyErrorFormat.ProblemDetails)
        {
            // Its registrations are TryAdd: an app's own AddProblemDetails (and its customization) stays in charge.
            services.AddProblemDetails();
        }

        services.AddOptions<IdempotencyOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<IdempotencyOptions>, IdempotencyOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IdempotencyPolicyRegistry>();
        services.TryAddSingleton(CreateScopeResolver);
        services.AddHttpClient(IntrospectionScopeResolver.HttpClientName, (provider, client) =>
        {
            client.Timeout = provider.GetRequiredService<IOptions<IdempotencyOptions>>().Value.Scope.Introspection.Timeout;
            client.MaxResponseContentBufferSize = IntrospectionScopeResolver.MaxAnswerBytes;
        });
        services.TryAddSingleton<IdempotencyTelemetry>();
        IdempotencyStoreBackend.TryAdd(services, CreateInMemoryStore);
        services.TryAddSingleton(CreateStore);
        services.TryAddSingleton<IIdempotencyStore>(provider => provider.GetRequiredService<InstrumentedIdempotencyStore>());
        services.TryAddSingleton<IIdempotencyStoreAdministration>(provider => provider.GetRequiredService<InstrumentedIdempotencyStore>());
        services.TryAddSingleton(provider => (IStoreMemory)IdempotencyStoreBackend.Store(provider));
        services.TryAddSingleton<ResourceEvictor>();
        services.TryAddSingleton<DeletionEviction>();
        services.TryAddSingleton<IUpstreamFailureReader, EndpointFailureReader>();
        services.TryAddSingleton<PendingRecords>();
        services.AddHostedService(provider => provider.GetRequiredService<PendingRecords>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, EndpointPolicyCheck>());
        return services;
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
            ScopeSource.Claim => new ClaimScopeResolver(scope.ClaimType!),
            _ => new CredentialScopeResolver(scope.CredentialHeader),
        };
    }

    private static InMemoryIdempotencyStore CreateInMemoryStore(IServiceProvider services) => new(
        services.GetRequiredService<TimeProvider>(),
        services.GetRequiredService<IOptions<IdempotencyOptions>>().Value.Store.InMemory.SizeLimitBytes,
        services.GetRequiredService<ILogger<InMemoryIdempotencyStore>>());

    private static InstrumentedIdempotencyStore CreateStore(IServiceProvider services) => new(
        IdempotencyStoreBackend.Store(services), IdempotencyStoreBackend.Administration(services), services.GetRequiredService<IdempotencyTelemetry>());
}
