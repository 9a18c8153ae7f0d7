namespace WhetGateway.Idempotency.RequestBody;

/// <summary>
/// The output of one decoder in a chain, read through a shared <see cref="DecodingBudget"/>: decoding stops (the read
/// throws) as soon as the layers together have produced more than the budget, wherever in the chain that happens.
/// </summary>
internal sealed class BudgetedStream(Stream decoder, DecodingBudget budget) : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = decoder.Read(buffer);
        budget.Spend(read);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await decoder.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        budget.Spend(read);
        return read;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            decoder.Dispose();
        }

        base.Dispose(disposing);
    }
}
