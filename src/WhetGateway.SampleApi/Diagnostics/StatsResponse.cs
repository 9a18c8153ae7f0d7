namespace WhetGateway.SampleApi.Diagnostics;

/// <summary>Body of <c>GET /_sample/stats</c>: the executed side effects so far.</summary>
internal sealed record StatsResponse(long Total, IReadOnlyDictionary<string, long> Operations);
