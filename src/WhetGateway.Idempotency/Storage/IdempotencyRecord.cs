namespace WhetGateway.Storage;

/// <summary>What a completed key stores: the original response, or why it cannot be replayed.</summary>
internal sealed record IdempotencyRecord
{
    public required RecordKind Kind { get; init; }

    /// <summary>The fingerprint of the request that produced the record; a retry must match it.</summary>
    public required Fingerprint Fingerprint { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public int StatusCode { get; init; }

    public IReadOnlyList<StoredHeader> Headers { get; init; } = [];

    public ReadOnlyMemory<byte> Body { get; init; }

    /// <summary>The size of the original body, which for <see cref="RecordKind.NotReplayable"/> is more than was kept.</summary>
    public long OriginalBodyLength { get; init; }
}
