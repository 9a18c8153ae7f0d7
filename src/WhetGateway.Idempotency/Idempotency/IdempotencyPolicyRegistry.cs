using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using WhetGateway.Configuration;
using WhetGateway.Telemetry;

namespace WhetGateway.Idempotency;

/// <summary>
/// The compiled policies by name. When the options were bound from a configuration section and it changes, the policies are rebuilt for new requests; an edit that
/// does not bind or validate is refused with a logged reason and the last good policies keep serving.
/// </summary>
internal sealed partial class IdempotencyPolicyRegistry : IDisposable
{
    /// <summary>The YARP route metadata entry that names a policy.</summary>
    public const string MetadataKey = "IdempotencyPolicy";

    private readonly IConfigurationSection? _section;
    private readonly IValidateOptions<IdempotencyOptions>[] _validators;
    private readonly ILogger<IdempotencyPolicyRegistry> _logger;
    private readonly IDisposable? _subscription;
    private readonly Lock _reloadGate = new();
    private volatile Dictionary<string, IdempotencyPolicy> _policies;
    private string _loadedConfiguration;

    public IdempotencyPolicyRegistry(
        IOptions<IdempotencyOptions> startupOptions,
        IEnumerable<IValidateOptions<IdempotencyOptions>> validators,
        ILogger<IdempotencyPolicyRegistry> logger,
        IdempotencySection? section = null)
    {
        _section = section?.Section;
        _validators = [.. validators];
        _logger = logger;
        _policies = Compile(startupOptions.Value);
        _loadedConfiguration = Snapshot();
        _subscription = _section is null ? null : ChangeToken.OnChange(_section.GetReloadToken, EnsureCurrent);
    }

    /// <summary>Whether a policy of that name is in force, after taking up any configuration change.</summary>
    public bool Contains(string name)
    {
        EnsureCurrent();
        return _policies.ContainsKey(name);
    }

    /// <summary>
    /// How long a resource's deletion must be remembered: as long as a claim that began before it may still tie its
    /// record (its upstream call, then retries while the store is away), plus a minute's margin. Not the tombstones'
    /// lifetime: a deletion marker per anonymous DELETE that lived for weeks would let a flood of them fill the store.
    /// </summary>
    public TimeSpan LongestRecordingWindow =>
        _policies.Values.Select(policy => policy.UpstreamTimeout + policy.MaxWait).DefaultIfEmpty(TimeSpan.Zero).Max() + TimeSpan.FromMinutes(1);

    /// <summary>Whether any policy ties records to resources, so that a DELETE may have something to evict.</summary>
    public bool TiesResources => _policies.Values.Any(policy => policy.Resources.TiesAny);

    /// <summary>The policy of that name, or null when there is none (or no name).</summary>
    public IdempotencyPolicy? Find(string? name) => name is not null && _policies.TryGetValue(name, out var policy) ? policy : null;

    public void Dispose() => _subscription?.Dispose();

    private static Dictionary<string, IdempotencyPolicy> Compile(IdempotencyOptions options) =>
        options.Policies.ToDictionary(pair => pair.Key, pair => new IdempotencyPolicy(pair.Key, pair.Value), StringComparer.OrdinalIgnoreCase);

    // Route validation (YARP) and this registry react to the same change in no set order, so both ask for the
    // configuration as it is now; the snapshot makes repeated asks cheap.
    private void EnsureCurrent()
    {
        if (_section is null)
        {
            return;
        }

        lock (_reloadGate)
        {
            var current = Snapshot();
            if (current == _loadedConfiguration)
            {
                return;
            }

            _loadedConfiguration = current;
            try
            {
                var options = new IdempotencyOptions();
                _section.Bind(options, binder => binder.ErrorOnUnknownConfiguration = true);
                var failures = _validators.Select(validator => validator.Validate(Options.DefaultName, options)).Where(result => result.Failed).ToList();
                if (failures.Count > 0)
                {
                    LogReloadRefused(string.Join(" ", failures.Select(result => result.FailureMessage)));
                    return;
                }

                _policies = Compile(options);
                LogReloaded(_policies.Count);
            }
            catch (InvalidOperationException exception)
            {
                LogReloadRefused(exception.Message);
            }
        }
    }

    private string Snapshot() => _section is null ? string.Empty : string.Join('\n', _section.AsEnumerable().OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => $"{pair.Key}={pair.Value}"));

    [LoggerMessage(EventId = IdempotencyEventIds.PoliciesReloaded, Level = LogLevel.Information, Message = "Idempotency configuration reloaded: {Count} policies in force for new requests.")]
    private partial void LogReloaded(int count);

    [LoggerMessage(EventId = IdempotencyEventIds.PoliciesRefused, Level = LogLevel.Error, Message = "Idempotency configuration change refused; the last good policies keep serving. {Reason}")]
    private partial void LogReloadRefused(string reason);
}
