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
        RecordTtl = options.RecordTtl;
        MaxRecordAge = options.MaxRecordAge;
        TombstoneTtl = options.TombstoneTtl;
        Resources = new ResourceFinder([.. (options.Resources ?? []).Select(resource => new ResourceBinding(resource))], options.TieLocation);
        OnStoreUnavailable = options.OnStoreUnavailable;
        _methods = new HashSet<string>(options.Methods ?? DefaultMethods, StringComparer.OrdinalIgnoreCase);
        _releaseOnStatus = StatusCodeSet.TryParse(options.ReleaseOnStatus ?? DefaultReleaseOnStatus, out var invalid)
            ?? throw new ArgumentException($"'{invalid}' is neither a status code nor a class such as 4xx.", nameof(options));
        ExcludedResponseHeaders = new HashSet<string>(options.ExcludedResponseHeaders ?? [], StringComparer.OrdinalIgnoreCase);
    }

    public string Name { get; }

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

    /// <summary>The lifetime of a record tied to no resource.</summary>
    public TimeSpan RecordTtl { get; }

    /// <summary>The lifetime cap of a record tied to a resource; null: until the resource is deleted.</summary>
    public TimeSpan? MaxRecordAge { get; }

    public TimeSpan TombstoneTtl { get; }

    public ResourceFinder Resources { get; }

    public StoreUnavailableBehavior OnStoreUnavailable { get; }

    public IReadOnlySet<string> ExcludedResponseHeaders { get; }

    public bool AppliesTo(string method) => _methods.Contains(method);

    public bool ReleasesOn(int statusCode) => _releaseOnStatus.Contains(statusCode);
}
