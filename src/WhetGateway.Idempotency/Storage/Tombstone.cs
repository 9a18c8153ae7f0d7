namespace WhetGateway.Storage;

/// <summary>The record that replaces one whose resource was deleted: every replay of it answers 404.</summary>
internal static class Tombstone
{
    public static IdempotencyRecord Create(DateTimeOffset deletedAt) => new()
    {
        Kind = RecordKind.Tombstone,
        Fingerprint = default,
        CreatedAt = deletedAt,
        StatusCode = 404,
    };
}
