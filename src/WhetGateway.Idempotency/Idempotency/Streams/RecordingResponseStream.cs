using System.Buffers;

namespace WhetGateway.Idempotency.Streams;

/// <summary>
/// A tee over the response body, in the shape of OutputCaching's <c>OutputCacheStream</c>: every write goes through
/// to the client and is copied, up to a cap, for the record. A client that has gone away no longer fails the
/// writes, so the forwarder keeps reading the upstream response to its end and the record is complete.
/// </summary>
internal sealed class RecordingResponseStream(Stream client, int maxRecordedBytes) : Stream
{
    private readonly ArrayBufferWriter<byte> _recorded = new();
    private bool _clientGone;

    /// <summary>Every byte the upstream sent, recorded or not.</summary>
    public long BytesWritten { get; private set; }

    /// <summary>False once the body outgrew the cap: what was recorded is not the whole response.</summary>
    public bool RecordedWhole => BytesWritten <= maxRecordedBytes;

    /// <summary>The recorded body; whole only when <see cref="RecordedWhole"/>.</summary>
    public ReadOnlyMemory<byte> Recorded => _recorded.WrittenMemory;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (!_clientGone)
        {
            try
            {
                client.Write(buffer);
            }
            catch (Exception exception) when (IsClientGone(exception, CancellationToken.None))
            {
                _clientGone = true;
            }
        }

        Record(buffer);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (!_clientGone)
        {
            try
            {
                await client.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (IsClientGone(exception, cancellationToken))
            {
                _clientGone = true;
            }
        }

        Record(buffer.Span);
    }

    public override void Flush() => FlushAsync(CancellationToken.None).GetAwaiter().GetResult();

    public override async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_clientGone)
        {
            return;
        }

        try
        {
            await client.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (IsClientGone(exception, cancellationToken))
        {
            _clientGone = true;
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    // A failed write to the client is the client's loss, not the upstream call's, unless our own token fired.
    private static bool IsClientGone(Exception exception, CancellationToken cancellationToken) =>
        !cancellationToken.IsCancellationRequested && exception is IOException or OperationCanceledException or ObjectDisposedException;

    private void Record(ReadOnlySpan<byte> buffer)
    {
        BytesWritten += buffer.Length;
        if (RecordedWhole)
        {
            buffer.CopyTo(_recorded.GetSpan(buffer.Length));
            _recorded.Advance(buffer.Length);
        }
    }
}
