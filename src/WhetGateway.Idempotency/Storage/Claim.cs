namespace WhetGateway.Storage;

/// <summary>
/// A fenced claim on a record: only the holder of <see cref="Token"/> may complete, renew or release it, so a
/// late or lost attempt can never overwrite the work of a newer one.
/// </summary>
internal readonly record struct Claim(RecordId Id, Fingerprint Fingerprint, Guid Token);
