using System.Buffers;
using WhetGateway.Buffers;

namespace WhetGateway.Idempotency.RequestBody;

/// <summary>
/// A request body read whole into a pooled buffer, bounded by the policy. YARP reads the request body late, so the
/// request gets a fresh stream over the same bytes and forwards them unchanged. A compressed body's decoded payload
/// is read the same way, from its chain of decoders.
/// </summary>
internal sealed class BufferedRequestBody : IDisposable
{
    private const int InitialBufferSize = 4096;

    private byte[]? _buffer;
    private readonly int _length;

    private BufferedRequestBody(byte[] buffer, int length)
    {
        _buffer = buffer;
        _length = length;
    }

    /// <summary>The bytes as received.</summary>
    public ReadOnlyMemory<byte> Content => _buffer.AsMemory(0, _length);

    /// <summary>The bytes to parse: <see cref="Content"/> without a leading UTF-8 byte order mark.</summary>
    public ReadOnlyMemory<byte> Payload => WithoutByteOrderMark(Content);

    /// <summary><paramref name="text"/> without a leading UTF-8 byte order mark.</summary>
    public static ReadOnlyMemory<byte> WithoutByteOrderMark(ReadOnlyMemory<byte> text) =>
        text.Span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? text[3..] : text;

    /// <summary>
    /// Reads <paramref name="body"/> to its end, or returns null as soon as it proves larger than
    /// <paramref name="maxBytes"/>; <paramref name="announcedLength"/> is the length it announced, if any.
    /// </summary>
    public static async Task<BufferedRequestBody?> ReadAsync(Stream body, long? announcedLength, long maxBytes, CancellationToken cancellationToken)
    {
        if (announcedLength > maxBytes)
        {
            return null;
        }

        var capacity = (int)Math.Min(maxBytes + 1, announcedLength + 1 ?? InitialBufferSize);
        var buffer = ArrayPool<byte>.Shared.Rent(capacity);
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length > maxBytes)
                    {
                        ArrayPool<byte>.Shared.Return(buffer);
                        return null;
                    }

                    PooledArray.Resize(ref buffer, length, (int)Math.Min(maxBytes + 1, (long)buffer.Length * 2));
                }

                var read = await body.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                length += read;
            }
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }

        if (length > maxBytes)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            return null;
        }

        return new BufferedRequestBody(buffer, length);
    }

    /// <summary>A read-only stream over <see cref="Content"/> for the forwarder.</summary>
    public Stream OpenRead() => new MemoryStream(_buffer!, 0, _length, writable: false);

    public void Dispose()
    {
        if (_buffer is { } buffer)
        {
            _buffer = null;
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
