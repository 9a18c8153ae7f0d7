namespace WhetGateway.Soak;

/// <summary>One request's outcome: its status (0 when the connection failed), error kind, replay flag and body.</summary>
internal sealed record SoakAnswer(int Status, string Kind, bool Replayed, byte[] Body, TimeSpan Took)
{
    /// <summary>
    /// Under at-most-once, the gateway does not know whether the key's call acted, and it will not run it again: a
    /// client following the README checks the resource instead of retrying.
    /// </summary>
    public bool OutcomeUnknown => Kind == "409 outcome_unknown";

    /// <summary>A client following the README retries these with the same key.</summary>
    public bool ShouldRetry => (Status is 0 or 409 or 502 or 503 or 504) && !OutcomeUnknown;
}
