namespace WhetGateway.Storage;

/// <summary>
/// The record that takes a key's place under at-most-once when its call may or may not have run upstream: every
/// retry answers 409 <c>outcome_unknown</c>, whatever its body (so, like a tombstone, it keeps no fingerprint), since
/// no retry may run it again.
/// </summary>
internal static class OutcomeUnknown
{
    public static IdempotencyRecord Create(DateTimeOffset at) => Tombstone.Create(at) with { Kind = RecordKind.OutcomeUnknown, StatusCode = 409 };
}
