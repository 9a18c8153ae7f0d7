using Microsoft.Extensions.DependencyInjection;
using WhetGateway.Scoping;
using WhetGateway.Storage;

namespace WhetGateway.Tests.Infrastructure;

/// <summary>Looks into the store of an <see cref="IIdempotentApi"/>.</summary>
internal static class IdempotentApiInspection
{
    /// <summary>What <paramref name="api"/>'s store holds for <paramref name="key"/> sent by <paramref name="credential"/> as a POST to <paramref name="path"/>.</summary>
    public static ValueTask<RecordState?> InspectAsync(this IIdempotentApi api, string key, string path = "/pipelines/from-intent", string credential = GatewayHost.DefaultCredential)
    {
        var scope = api.Services.GetRequiredService<IScopeResolver>().ScopeFor(credential);
        return api.Services.GetRequiredService<IIdempotencyStoreAdministration>().InspectAsync(RecordId.Create(scope, "POST", path, key), CancellationToken.None);
    }
}
