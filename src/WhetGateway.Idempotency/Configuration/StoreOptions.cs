namespace WhetGateway.Configuration;

/// <summary>Settings of the record store (<c>Idempotency:Store</c>).</summary>
public sealed class StoreOptions
{
    /// <summary><c>InMemory</c> (default) or <c>Redis</c>.</summary>
    public StoreProvider Provider { get; set; } = StoreProvider.InMemory;

    /// <summary>Settings used when <see cref="Provider"/> is <c>InMemory</c>.</summary>
    public InMemoryStoreOptions InMemory { get; set; } = new();

    /// <summary>Settings used when <see cref="Provider"/> is <c>Redis</c>.</summary>
    public RedisStoreOptions Redis { get; set; } = new();
}
