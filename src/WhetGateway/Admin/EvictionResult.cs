namespace WhetGateway.Admin;

/// <summary>What an operator eviction did.</summary>
/// <param name="Path">The normalized resource path.</param>
/// <param name="Tombstoned">How many records now answer 404.</param>
internal sealed record EvictionResult(string Path, int Tombstoned);
