namespace WhetGateway.Configuration;

/// <summary>
/// A resource a recorded response names (<c>Idempotency:Policies:&lt;name&gt;:Resources</c>): the record lives as long
/// as the resource, and once a DELETE of it succeeds through the gateway, replays answer 404.
/// </summary>
public sealed class ResourceOptions
{
    /// <summary>The response JSON field holding the resource's id; a dotted path reaches nested fields (<c>data.id</c>).</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>The resource's path, with <c>{id}</c> where the id goes, e.g. <c>/pipelines/{id}</c>.</summary>
    public string Path { get; set; } = string.Empty;

    /// <summary>Overrides the policy's <see cref="IdempotencyPolicyOptions.EvictAcrossScopes"/> for this resource. Default: the policy's.</summary>
    public bool? EvictAcrossScopes { get; set; }
}
