namespace WhetGateway.Configuration;

/// <summary>
/// One named policy (<c>Idempotency:Policies:&lt;name&gt;</c>) that routes opt into with
/// <c>"Metadata": { "IdempotencyPolicy": "&lt;name&gt;" }</c>. Every setting has a safe default.
/// </summary>
public sealed class IdempotencyPolicyOptions
{
    /// <summary><c>Rest</c> (default) or <c>Mcp</c>: how requests carry the key.</summary>
    public IdempotencyProtocolKind Protocol { get; set; } = IdempotencyProtocolKind.Rest;

    /// <summary>Under <c>Mcp</c>: the tools whose calls are made idempotent; other tools ignore the key.</summary>
    public string[]? Tools { get; set; }

    /// <summary>Under <c>Mcp</c>: record a tool result with <c>isError: true</c> instead of releasing the claim. Default false.</summary>
    public bool RecordToolErrors { get; set; }

    /// <summary>A response cache keyed by body fields (REST only). Default none.</summary>
    public ResponseCacheOptions? ResponseCache { get; set; }

    /// <summary>The JSON field that carries the key: top-level in a REST body, in <c>params.arguments</c> of an MCP call. Default <c>idempotency_key</c>.</summary>
    public string KeyField { get; set; } = "idempotency_key";

    /// <summary>A header that may carry the key too (e.g. <c>Idempotency-Key</c>, bare or quoted). Default none.</summary>
    public string? KeyHeader { get; set; }

    /// <summary>Answer 400 to a request without a key instead of forwarding it untouched. Default false.</summary>
    public bool RequireKey { get; set; }

    /// <summary>The methods the policy applies to; others are proxied untouched. Default <c>["POST"]</c>.</summary>
    public string[]? Methods { get; set; }

    /// <summary>Shortest accepted key. Default 16.</summary>
    public int MinKeyLength { get; set; } = 16;

    /// <summary>Longest accepted key. Default 128.</summary>
    public int MaxKeyLength { get; set; } = 128;

    /// <summary>Largest request body the gateway buffers; larger ones get 413. Default 1 MiB.</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Largest response body recorded; larger ones reach the client, and their replays answer 409 <c>response_not_replayable</c>. Default 1 MiB.</summary>
    public int MaxRecordedResponseBytes { get; set; } = 1024 * 1024;

    /// <summary>How long a claim lives without renewal; its holder renews it every third of this. Default 10 s.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The longest a first execution may run upstream, whether or not its client stays. Default 100 s.</summary>
    public TimeSpan UpstreamTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>How long a retry waits for the original still in flight before 409 <c>request_in_progress</c>. Default: <see cref="UpstreamTimeout"/>.</summary>
    public TimeSpan? MaxWait { get; set; }

    /// <summary>How long a record tied to no resource is kept. Default 24 h.</summary>
    public TimeSpan RecordTtl { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// Upstream statuses that are not recorded: the claim is released and a retry runs again. Entries are codes
    /// (<c>503</c>) or classes (<c>4xx</c>). Default <c>["4xx", "502", "503", "504"]</c>. Proxy errors always release.
    /// </summary>
    public string[]? ReleaseOnStatus { get; set; }

    /// <summary>
    /// Response headers never recorded, on top of <c>Set-Cookie</c>, the other per-user authentication and session
    /// headers (<c>WWW-Authenticate</c>, <c>Authentication-Info</c>, <c>Proxy-Authentication-Info</c>,
    /// <c>Clear-Site-Data</c>), <c>Date</c> and hop-by-hop headers.
    /// </summary>
    public string[]? ExcludedResponseHeaders { get; set; }

    /// <summary>Resources named in the response that the record is tied to. Default none.</summary>
    public ResourceOptions[]? Resources { get; set; }

    /// <summary>Also tie the record to the resource in the response's <c>Location</c> header. Default false.</summary>
    public bool TieLocation { get; set; }

    /// <summary>
    /// The longest a record tied to a resource is kept, even if the resource lives on, so records of resources that
    /// are never deleted do not fill the store. Default 30 days.
    /// </summary>
    public TimeSpan MaxRecordAge { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// Let a DELETE of a tied resource confirmed for any caller tombstone this policy's records, in every scope. Off by
    /// default: a DELETE evicts only the records of the deleting caller's own scope, since many backends answer 2xx
    /// to any DELETE (idempotent DELETE) and another tenant must not be able to turn one's records into 404s. Turn it on
    /// only for a backend whose DELETE answers 2xx solely to callers allowed to delete. A resource entry may say otherwise.
    /// </summary>
    public bool EvictAcrossScopes { get; set; }

    /// <summary>How long a replay keeps answering 404 after the record's resource was deleted. Default 30 days.</summary>
    public TimeSpan TombstoneTtl { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// <c>AtLeastOnce</c> (default: a call whose outcome the gateway cannot know, after a timeout, a reset or a gateway
    /// killed mid-call, runs again on retry) or <c>AtMostOnce</c> (its key answers 409 <c>outcome_unknown</c> instead).
    /// </summary>
    public DeliveryGuarantee Guarantee { get; set; } = DeliveryGuarantee.AtLeastOnce;

    /// <summary><c>Reject</c> (default: 503, fail closed) or <c>PassThrough</c> while the store is unreachable.</summary>
    public StoreUnavailableBehavior OnStoreUnavailable { get; set; } = StoreUnavailableBehavior.Reject;
}
