namespace WhetGateway.Storage;

/// <summary>A record's tie to one resource.</summary>
/// <param name="ResourcePath">The resource, e.g. <c>/pipelines/pl_123</c>.</param>
/// <param name="ClaimedAt">When the record's claim began: a deletion before it was of an earlier resource at that path.</param>
/// <param name="RecordLifetime">How long the record lives; null: until the resource is deleted.</param>
/// <param name="TombstoneTtl">How long the record's tombstone lives once the resource is deleted.</param>
internal readonly record struct ResourceTie(string ResourcePath, DateTimeOffset ClaimedAt, TimeSpan? RecordLifetime, TimeSpan TombstoneTtl);
