using System.Text;
using WhetGateway.Configuration;
using WhetGateway.Resources;

namespace WhetGateway.Idempotency;

/// <summary>A policy's settings resolved once per configuration version: defaults filled in, lists parsed.</summary>
internal sealed class IdempotencyPolicy
{
    public static readonly string[] DefaultMethods = ["POST"];
    public static readonly string[] DefaultReleaseOnStatus = ["4xx", "502", "503", "504"];

    private readonly HashSet<string> _methods;
    private readonly StatusCodeSet _releaseOnStatus;

    public IdempotencyPolicy(string name, IdempotencyPolicyOptions options)
    {
        Name = name;
        KeyField = options.KeyField;
        KeyFieldUtf8 = Encoding.UTF8.GetBytes(options.KeyField);
        KeyHeader = string.IsNullOrWhiteSpace(options.KeyHeader) ? null : options.KeyHeader;
        RequireKey = options.RequireKey;
        MinKeyLength = options.MinKeyLength;
        MaxKeyLength = options.MaxKeyLength;
        MaxRequestBodyBytes = options.MaxRequestBodyBytes;
        MaxRecordedResponseBytes = options.MaxRecordedResponseBytes;
        LeaseDuration = options.LeaseDuration;
        UpstreamTimeout = options.UpstreamTimeout;
        MaxWait = options.MaxWait ?? options.UpstreamTimeout;
        Protocol = options.Protocol;
        Tools = new HashSet<string>(options.Tools ?? [], StringComparer.Ordinal);
        RecordToolErrors = options.RecordToolErrors;
        ResponseCache = options.ResponseCache;
        RecordTtl = options.ResponseCache?.Ttl ?? options.RecordTtl;
        MaxRecordAge = options.MaxRecordAge;
        TombstoneTtl = options.TombstoneTtl;
        Resources = new ResourceFinder(
            [.. (options.Resources ?? []).Select(resource => new ResourceBinding(resource, resource.EvictAcrossScopes ?? options.EvictAcrossScopes))],
            options.TieLocation,
            options.EvictAcrossScopes);
        OnStoreUnavailable = options.OnStoreUnavailable;
        Guarantee = options.Guarantee;
        _methods = new HashSet<string>(options.Methods ?? DefaultMethods, StringComparer.OrdinalIgnoreCase);
        _releaseOnStatus = StatusCodeSet.TryParse(options.ReleaseOnStatus ?? DefaultReleaseOnStatus, out var invalid)
            ?? throw new ArgumentException($"'{invalid}' is neither a status code nor a class such as 4xx.", nameof(options));
        // A replay must not move an MCP client onto the original's session.
        ExcludedResponseHeaders = new HashSet<string>(
            (options.ExcludedResponseHeaders ?? []).Concat(options.Protocol == IdempotencyProtocolKind.Mcp ? [McpSessionHeader] : []),
            StringComparer.OrdinalIgnoreCase);
    }

    public const string McpSessionHeader = "Mcp-Session-Id";

    public string Name { get; }

    public IdempotencyProtocolKind Protocol { get; }

    /// <summary>Under MCP: the tools whose calls are idempotent.</summary>
    public IReadOnlySet<string> Tools { get; }

    public bool RecordToolErrors { get; }

    public ResponseCacheOptions? ResponseCache { get; }

    public string KeyField { get; }

    public byte[] KeyFieldUtf8 { get; }

    public string? KeyHeader { get; }

    public bool RequireKey { get; }

    public int MinKeyLength { get; }

    public int MaxKeyLength { get; }

    public long MaxRequestBodyBytes { get; }

    public int MaxRecordedResponseBytes { get; }

    public TimeSpan LeaseDuration { get; }

    public TimeSpan UpstreamTimeout { get; }

    public TimeSpan MaxWait { get; }

    /// <summary>The lifetime of a record tied to no resource (a response cache's TTL, for a cache).</summary>
    public TimeSpan RecordTtl { get; }

    /// <summary>The lifetime of a record tied to a resource, unless the resource is deleted first.</summary>
    public TimeSpan MaxRecordAge { get; }

    public TimeSpan TombstoneTtl { get; }

    public ResourceFinder Resources { get; }

    public StoreUnavailableBehavior OnStoreUnavailable { get; }

    public IReadOnlySet<string> ExcludedResponseHeaders { get; }

    public DeliveryGuarantee Guarantee { get; }

    /// <summary>
    /// Under at-most-once, how long a claim is remembered after its lease lapses, so a holder that died mid-call
    /// leaves <c>outcome_unknown</c> behind rather than a key a retry can take over: as long as its record would live.
    /// </summary>
    public TimeSpan? RememberLapsedClaimsFor => Guarantee == DeliveryGuarantee.AtMostOnce ? RecordTtl : null;

    public bool AppliesTo(string method) => _methods.Contains(method);

    public bool ReleasesOn(int statusCode) => _releaseOnStatus.Contains(statusCode);
}
