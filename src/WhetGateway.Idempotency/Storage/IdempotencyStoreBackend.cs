using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace WhetGateway.Storage;

/// <summary>
/// The store itself, registered under a key: requests use it through the instrumented <see cref="IIdempotencyStore"/>,
/// and the memory monitor reads it directly. The in-memory store is the default; a store package replaces it.
/// </summary>
internal static class IdempotencyStoreBackend
{
    public const string ServiceKey = "WhetGateway.StoreBackend";

    public static void TryAdd(IServiceCollection services, Func<IServiceProvider, IIdempotencyStore> create) =>
        services.TryAddKeyedSingleton<IIdempotencyStore>(ServiceKey, (provider, _) => create(provider));

    public static void Replace(IServiceCollection services, Func<IServiceProvider, IIdempotencyStore> create)
    {
        services.RemoveAllKeyed<IIdempotencyStore>(ServiceKey);
        services.AddKeyedSingleton<IIdempotencyStore>(ServiceKey, (provider, _) => create(provider));
    }
}
