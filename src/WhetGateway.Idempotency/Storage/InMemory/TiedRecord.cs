namespace WhetGateway.Storage.InMemory;

/// <summary>A record in a resource's index: until when it lives, and how long its tombstone will.</summary>
internal readonly record struct TiedRecord(DateTimeOffset ExpiresAt, TimeSpan TombstoneTtl);
