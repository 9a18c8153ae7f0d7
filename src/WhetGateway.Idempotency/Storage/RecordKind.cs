namespace WhetGateway.Storage;

/// <summary>What a completed record holds.</summary>
internal enum RecordKind : byte
{
    /// <summary>The original response: status, headers and body, replayed byte for byte.</summary>
    Response = 1,

    /// <summary>The original ran, but its body exceeded the recording limit: a replay answers an error, never a new execution.</summary>
    NotReplayable = 2,

    /// <summary>The resource the original created has been deleted: a replay answers 404.</summary>
    Tombstone = 3,

    /// <summary>
    /// Under at-most-once, the original may or may not have run upstream and nobody can know: every retry answers 409
    /// <c>outcome_unknown</c> rather than run it a second time, until an operator forgets the key.
    /// </summary>
    OutcomeUnknown = 4,
}
