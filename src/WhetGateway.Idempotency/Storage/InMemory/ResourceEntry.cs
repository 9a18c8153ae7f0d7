namespace WhetGateway.Storage.InMemory;

/// <summary>
/// What the in-memory store knows of one resource path: per scope, the records tied to it and when that scope last
/// deleted it. Guarded by the store's resource lock.
/// </summary>
internal sealed class ResourceEntry
{
    /// <summary>The scope under which the operator's deletion, which applies to every scope, is remembered.</summary>
    public const string EveryScope = "**";

    /// <summary>Per scope (or <see cref="ResourceScopes.AnyCaller"/>): the tied records.</summary>
    public Dictionary<string, Dictionary<RecordId, TiedRecord>> Indexes { get; } = new(StringComparer.Ordinal);

    /// <summary>Per scope (or <see cref="ResourceScopes.AnyCaller"/>, or <see cref="EveryScope"/>): the last deletion remembered.</summary>
    public Dictionary<string, RememberedDeletion> Deletions { get; } = new(StringComparer.Ordinal);

    /// <summary>Whether a deletion that the tie's scope must heed came at or after <paramref name="claimedAt"/>.</summary>
    public bool DeletedSince(string scope, DateTimeOffset claimedAt, DateTimeOffset now) =>
        IsRemembered(scope, claimedAt, now) || IsRemembered(EveryScope, claimedAt, now);

    /// <summary>Drops what has expired; true when nothing is left.</summary>
    public bool Prune(DateTimeOffset now)
    {
        foreach (var (scope, index) in Indexes)
        {
            foreach (var (id, tied) in index)
            {
                if (tied.ExpiresAt <= now)
                {
                    index.Remove(id);
                }
            }

            if (index.Count == 0)
            {
                Indexes.Remove(scope);
            }
        }

        foreach (var (scope, deletion) in Deletions)
        {
            if (deletion.ExpiresAt <= now)
            {
                Deletions.Remove(scope);
            }
        }

        return Indexes.Count == 0 && Deletions.Count == 0;
    }

    private bool IsRemembered(string scope, DateTimeOffset claimedAt, DateTimeOffset now) =>
        Deletions.TryGetValue(scope, out var deletion) && deletion.ExpiresAt > now && deletion.DeletedAt >= claimedAt;
}
