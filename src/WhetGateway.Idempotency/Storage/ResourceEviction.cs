namespace WhetGateway.Storage;

/// <summary>A confirmed deletion of a resource, and whose records it tombstones.</summary>
/// <param name="ResourcePath">The deleted resource, in its canonical form.</param>
/// <param name="Scope">
/// The deleting caller's scope: its own records and those any caller may evict
/// (<see cref="ResourceScopes.AnyCaller"/>, which is also what a caller without a scope evicts); null evicts the
/// records of every scope (the operator's eviction).
/// </param>
/// <param name="RememberFor">
/// How long the deletion is remembered, so a record of that scope whose claim began before it and that ties later
/// (still being executed or recorded) becomes a tombstone.
/// </param>
internal readonly record struct ResourceEviction(string ResourcePath, string? Scope, TimeSpan RememberFor);
