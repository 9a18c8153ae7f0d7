namespace WhetGateway.Storage;

/// <summary>A record's tie to one resource, in the index of the scope whose DELETE may evict it.</summary>
/// <param name="ResourcePath">The resource, in its canonical form, e.g. <c>/pipelines/pl_123</c>.</param>
/// <param name="Scope">
/// The index the record joins: the scope of the caller that created it, or <see cref="ResourceScopes.AnyCaller"/>
/// when the policy lets any caller's confirmed DELETE evict it.
/// </param>
/// <param name="ClaimAge">
/// How long ago the record's claim began, on the gateway's monotonic clock. The store turns it into a time on its
/// own clock, the one its deletion markers use, so instances whose wall clocks disagree still agree on whether a
/// deletion came before or after the claim.
/// </param>
/// <param name="RecordLifetime">How long the record lives unless its resource is deleted first.</param>
/// <param name="TombstoneTtl">How long the record's tombstone lives once the resource is deleted.</param>
internal readonly record struct ResourceTie(string ResourcePath, string Scope, TimeSpan ClaimAge, TimeSpan RecordLifetime, TimeSpan TombstoneTtl);
