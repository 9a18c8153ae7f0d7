using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace WhetGateway.Storage;

/// <summary>
/// The store itself, registered under a key: requests use it through the instrumented <see cref="IIdempotencyStore"/>,
/// operators and probes through the same instrumented instance as <see cref="IIdempotencyStoreAdministration"/>, and
/// the memory monitor reads it directly. The in-memory store is the default; a store package replaces it. Only a
/// store that implements both interfaces is accepted, so both always reach the same records.
/// </summary>
internal static class IdempotencyStoreBackend
{
    public const string ServiceKey = "WhetGateway.StoreBackend";

    public static void TryAdd<TStore>(IServiceCollection services, Func<IServiceProvider, TStore> create)
        where TStore : class, IIdempotencyStore, IIdempotencyStoreAdministration =>
        services.TryAddKeyedSingleton<IIdempotencyStore>(ServiceKey, (provider, _) => create(provider));

    public static void Replace<TStore>(IServiceCollection services, Func<IServiceProvider, TStore> create)
        where TStore : class, IIdempotencyStore, IIdempotencyStoreAdministration
    {
        services.RemoveAllKeyed<IIdempotencyStore>(ServiceKey);
        services.AddKeyedSingleton<IIdempotencyStore>(ServiceKey, (provider, _) => create(provider));
    }

    /// <summary>The registered store, as requests use it.</summary>
    public static IIdempotencyStore Store(IServiceProvider services) => services.GetRequiredKeyedService<IIdempotencyStore>(ServiceKey);

    /// <summary>The registered store, as operators use it: the same instance, which implements both (see <see cref="TryAdd{TStore}"/>).</summary>
    public static IIdempotencyStoreAdministration Administration(IServiceProvider services) => (IIdempotencyStoreAdministration)Store(services);
}
