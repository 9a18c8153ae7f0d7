namespace WhetGateway.Storage;

/// <summary>What an operator sees of one key: never the recorded body, only its shape.</summary>
/// <param name="State"><c>in_flight</c>, <c>completed</c>, <c>not_replayable</c>, <c>tombstone</c> or <c>outcome_unknown</c>.</param>
/// <param name="CreatedAt">When the record was written (none while in flight).</param>
/// <param name="StatusCode">The recorded status (none while in flight).</param>
/// <param name="BodyBytes">The size of the original response body.</param>
/// <param name="ExpiresIn">Time left before the record (or the claim's lease) lapses; null: until its resource is deleted.</param>
internal sealed record RecordState(string State, DateTimeOffset? CreatedAt, int? StatusCode, long? BodyBytes, TimeSpan? ExpiresIn)
{
    public static RecordState InFlight(TimeSpan leaseRemaining) => new("in_flight", null, null, null, leaseRemaining);

    public static RecordState Of(IdempotencyRecord record, TimeSpan? expiresIn) => new(
        record.Kind switch
        {
            RecordKind.Tombstone => "tombstone",
            RecordKind.NotReplayable => "not_replayable",
            RecordKind.OutcomeUnknown => "outcome_unknown",
            _ => "completed",
        },
        record.CreatedAt,
        record.Kind == RecordKind.Tombstone ? null : record.StatusCode,
        record.Kind == RecordKind.Tombstone ? null : record.OriginalBodyLength,
        expiresIn);
}
