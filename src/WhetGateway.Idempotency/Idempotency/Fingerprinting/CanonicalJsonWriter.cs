using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using WhetGateway.Buffers;

namespace WhetGateway.Idempotency.Fingerprinting;

/// <summary>
/// The canonical text being built, in a pooled buffer that grows as needed: strings quoted and escaped as
/// <see cref="System.Text.Json.Utf8JsonWriter"/> escapes them with <see cref="JavaScriptEncoder.UnsafeRelaxedJsonEscaping"/>,
/// everything else copied.
/// </summary>
internal struct CanonicalJsonWriter(int capacity) : IDisposable
{
    /// <summary>The most bytes one escaped character takes (<c>\uD83D\uDE00</c>); room for it means progress.</summary>
    private const int MaxEscapedCharacterBytes = 12;

    private static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    /// <summary>The ASCII bytes the encoder leaves as they are, asked of the encoder itself: text made of them only is copied.</summary>
    private static readonly SearchValues<byte> VerbatimAscii = SearchValues.Create(FindVerbatimAscii());

    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(capacity);
    private int _written;

    public readonly ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _written);

    public void Write(byte value)
    {
        PooledArray.EnsureRoom(ref _buffer, _written, 1);
        _buffer[_written++] = value;
    }

    /// <summary>Writes <paramref name="text"/> as UTF-8, as it is.</summary>
    public void WriteUtf8(string text)
    {
        PooledArray.EnsureRoom(ref _buffer, _written, Encoding.UTF8.GetMaxByteCount(text.Length));
        _written += Encoding.UTF8.GetBytes(text, _buffer.AsSpan(_written));
    }

    public void Write(ReadOnlySpan<byte> bytes)
    {
        PooledArray.EnsureRoom(ref _buffer, _written, bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(_written));
        _written += bytes.Length;
    }

    /// <summary>Writes UTF-8 <paramref name="text"/> as a JSON string: quoted, and escaped only where the encoder must.</summary>
    public void WriteString(ReadOnlySpan<byte> text)
    {
        Write((byte)'"');
        var verbatim = text.ContainsAnyExcept(VerbatimAscii) ? Encoder.FindFirstCharacterToEncodeUtf8(text) : -1;
        while (verbatim >= 0)
        {
            Write(text[..verbatim]);
            text = text[verbatim..];
            PooledArray.EnsureRoom(ref _buffer, _written, MaxEscapedCharacterBytes);
            var status = Encoder.EncodeUtf8(text, _buffer.AsSpan(_written), out var consumed, out var escaped);
            _written += escaped;
            text = text[consumed..];
            if (status == OperationStatus.Done)
            {
                break;
            }

            if (status != OperationStatus.DestinationTooSmall)
            {
                throw new InvalidOperationException($"Cannot escape JSON text ({status}).");
            }

            verbatim = Encoder.FindFirstCharacterToEncodeUtf8(text);
        }

        Write(text);
        Write((byte)'"');
    }

    private static byte[] FindVerbatimAscii()
    {
        var verbatim = new List<byte>();
        Span<byte> escaped = stackalloc byte[MaxEscapedCharacterBytes];
        for (var ascii = 0; ascii < 0x80; ascii++)
        {
            if (Encoder.EncodeUtf8([(byte)ascii], escaped, out _, out var length) == OperationStatus.Done && length == 1 && escaped[0] == ascii)
            {
                verbatim.Add((byte)ascii);
            }
        }

        return [.. verbatim];
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }
}
