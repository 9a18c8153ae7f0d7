namespace WhetGateway.Admin;

/// <summary>The body of an operator eviction: the resource that was deleted outside the gateway.</summary>
/// <param name="Path">The resource path, e.g. <c>/pipelines/pl_123</c>.</param>
internal sealed record EvictionRequest(string? Path);
