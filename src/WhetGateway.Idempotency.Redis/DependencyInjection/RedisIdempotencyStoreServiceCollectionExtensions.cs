using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WhetGateway.Configuration;
using WhetGateway.Storage;
using WhetGateway.Storage.Redis;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Keeps idempotency records in Redis, shared by every instance of the app.</summary>
public static class RedisIdempotencyStoreServiceCollectionExtensions
{
    /// <summary>
    /// Replaces the in-memory store with Redis, configured from <paramref name="section"/> (shaped as the gateway's
    /// <c>Idempotency:Store:Redis</c>: <c>Configuration</c>, <c>KeyPrefix</c>, <c>OperationTimeout</c>,
    /// <c>EvictionPolicyCheck</c>). The connection is made asynchronously on first use, not at start.
    /// </summary>
    /// <param name="services">The application's services.</param>
    /// <param name="section">The Redis store's configuration section.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    public static IServiceCollection AddRedisIdempotencyStore(this IServiceCollection services, IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(section);
        services.AddOptions<RedisStoreOptions>().Bind(section, binder => binder.ErrorOnUnknownConfiguration = true);
        return AddRedisStore(services);
    }

    /// <summary>Replaces the in-memory store with Redis, configured in code. The connection is made asynchronously on first use.</summary>
    /// <param name="services">The application's services.</param>
    /// <param name="configure">Sets at least <see cref="RedisStoreOptions.Configuration"/>.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    public static IServiceCollection AddRedisIdempotencyStore(this IServiceCollection services, Action<RedisStoreOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.Configure(configure);
        return AddRedisStore(services);
    }

    private static IServiceCollection AddRedisStore(IServiceCollection services)
    {
        services.AddOptions<RedisStoreOptions>()
            .Validate(options => !string.IsNullOrWhiteSpace(options.Configuration), "The Redis idempotency store needs Configuration, a StackExchange.Redis configuration string.")
            .Validate(options => options.OperationTimeout > TimeSpan.Zero, "The Redis idempotency store's OperationTimeout must be positive.")
            .ValidateOnStart();
        IdempotencyStoreBackend.Replace(services, provider => new LazyRedisIdempotencyStore(
            provider.GetRequiredService<IOptions<RedisStoreOptions>>().Value,
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<RedisIdempotencyStore>>()));
        return services;
    }
}
