using Microsoft.Extensions.Options;
using WhetGateway.Configuration;
using Yarp.ReverseProxy.Model;

namespace WhetGateway.Idempotency;

/// <summary>
/// The compiled policies by name, rebuilt when the configuration changes, and the lookup from a proxied request's
/// route (its <c>IdempotencyPolicy</c> metadata) to its policy.
/// </summary>
internal sealed class IdempotencyPolicyRegistry : IDisposable
{
    /// <summary>The route metadata entry that names a policy.</summary>
    public const string MetadataKey = "IdempotencyPolicy";

    private readonly IDisposable? _subscription;
    private volatile Dictionary<string, IdempotencyPolicy> _policies;

    public IdempotencyPolicyRegistry(IOptionsMonitor<IdempotencyOptions> options)
    {
        _policies = Compile(options.CurrentValue);
        _subscription = options.OnChange(changed => _policies = Compile(changed));
    }

    public bool Contains(string name) => _policies.ContainsKey(name);

    /// <summary>How long a resource's deletion must be remembered: as long as any policy's tombstones live.</summary>
    public TimeSpan LongestTombstoneTtl => _policies.Values.Select(policy => policy.TombstoneTtl).DefaultIfEmpty(new IdempotencyPolicyOptions().TombstoneTtl).Max();

    /// <summary>The policy of the route a request was matched to, or null when the route names none.</summary>
    public IdempotencyPolicy? Find(RouteModel route)
    {
        var metadata = route.Config.Metadata;
        return metadata is not null && metadata.TryGetValue(MetadataKey, out var name) && _policies.TryGetValue(name, out var policy)
            ? policy
            : null;
    }

    public void Dispose() => _subscription?.Dispose();

    private static Dictionary<string, IdempotencyPolicy> Compile(IdempotencyOptions options) =>
        options.Policies.ToDictionary(pair => pair.Key, pair => new IdempotencyPolicy(pair.Key, pair.Value), StringComparer.OrdinalIgnoreCase);
}
