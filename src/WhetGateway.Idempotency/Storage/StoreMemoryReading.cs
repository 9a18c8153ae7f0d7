namespace WhetGateway.Storage;

/// <summary>The memory one store node uses.</summary>
/// <param name="Node">Which node: <c>in-memory</c>, or a Redis primary's endpoint.</param>
/// <param name="UsedBytes">Bytes in use: the in-memory store's accounted bytes, or Redis's <c>used_memory</c>.</param>
/// <param name="LimitBytes">The most it may use: <c>SizeLimitBytes</c>, or Redis's <c>maxmemory</c>; 0 when unbounded.</param>
internal readonly record struct StoreMemoryReading(string Node, long UsedBytes, long LimitBytes)
{
    /// <summary>False when nothing bounds the node (Redis with <c>maxmemory 0</c>): it grows until its host runs out.</summary>
    public bool IsBounded => LimitBytes > 0;
}
