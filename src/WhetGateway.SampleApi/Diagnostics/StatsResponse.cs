namespace WhetGateway.SampleApi.Diagnostics;

/// <summary>Body of <c>GET /_sample/stats</c>: the executed side effects so far, and the introspection calls answered.</summary>
internal sealed record StatsResponse(long Total, IReadOnlyDictionary<string, long> Operations, long Introspections);
