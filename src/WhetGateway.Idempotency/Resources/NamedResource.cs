namespace WhetGateway.Resources;

/// <summary>A resource a recorded response names, and whether any caller's confirmed DELETE of it evicts the record.</summary>
/// <param name="Path">The resource path in its canonical form (<see cref="ResourcePath.Normalize"/>).</param>
/// <param name="EvictAcrossScopes">True: any caller's DELETE evicts; false: only a DELETE from the record's own scope.</param>
internal readonly record struct NamedResource(string Path, bool EvictAcrossScopes);
