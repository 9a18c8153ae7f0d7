namespace WhetGateway.Configuration;

/// <summary>Settings of the in-memory store (<c>Idempotency:Store:InMemory</c>).</summary>
public sealed class InMemoryStoreOptions
{
    /// <summary>The default <see cref="SizeLimitBytes"/>: 100 MiB, as OutputCaching's <c>SizeLimit</c>.</summary>
    public const long DefaultSizeLimitBytes = 100 * 1024 * 1024;

    /// <summary>
    /// How many bytes of records and claims the store may hold (bodies, headers and a fixed overhead per entry). At
    /// the limit a request with a new key is answered 503 instead of being run without protection; records already
    /// held keep replaying. Default 100 MiB.
    /// </summary>
    public long SizeLimitBytes { get; set; } = DefaultSizeLimitBytes;
}
