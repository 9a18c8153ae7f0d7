namespace WhetGateway.Storage.InMemory;

/// <summary>What the in-memory store knows of one resource: the records tied to it and when it was last deleted.</summary>
internal sealed class ResourceIndex
{
    /// <summary>Tied records with their tombstone lifetime.</summary>
    public Dictionary<RecordId, TimeSpan> Records { get; } = [];

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? DeletedAt { get; set; }
}
