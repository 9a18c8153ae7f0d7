namespace WhetGateway.Idempotency.RequestBody;

/// <summary>
/// How many decoded bytes all the layers of one body may produce together. Counting every layer, not just the last,
/// keeps a stack of codings from hiding a huge middle layer behind a small result.
/// </summary>
internal sealed class DecodingBudget(long maxBytes)
{
    private long _remaining = maxBytes;

    /// <summary>Whether some layer produced more than the budget allowed, so decoding stopped.</summary>
    public bool IsExceeded => _remaining < 0;

    /// <summary>Counts <paramref name="bytes"/> decoded; throws <see cref="InvalidDataException"/> once they exceed the budget.</summary>
    public void Spend(int bytes)
    {
        _remaining -= bytes;
        if (IsExceeded)
        {
            throw new InvalidDataException("The decoded body exceeds its budget.");
        }
    }
}
