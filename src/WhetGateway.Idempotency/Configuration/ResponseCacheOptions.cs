namespace WhetGateway.Configuration;

/// <summary>
/// A response cache on a REST policy (<c>Idempotency:Policies:&lt;name&gt;:ResponseCache</c>): within <see cref="Ttl"/>
/// and one scope, requests whose listed body fields are equal get one recorded response, with or without a key.
/// </summary>
public sealed class ResponseCacheOptions
{
    /// <summary>The top-level body fields that identify a request, e.g. <c>["url", "intent"]</c>.</summary>
    public string[] Fields { get; set; } = [];

    /// <summary>How long a cached response is served. Default 5 minutes.</summary>
    public TimeSpan Ttl { get; set; } = TimeSpan.FromMinutes(5);
}
