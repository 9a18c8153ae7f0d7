using System.Text;

namespace WhetGateway.Storage;

/// <summary>
/// The binary form of a record in a store: one versioned blob (kind, fingerprint, time, status, headers, body),
/// in the spirit of OutputCache's entry formatter. A blob of an unknown version is refused rather than guessed at.
/// </summary>
/// <remarks>
/// The layout is <see cref="BinaryWriter"/>'s: integers 7-bit encoded, strings as a 7-bit encoded UTF-8 length then
/// the UTF-8 bytes. It is written straight into one array of the exact size, and read straight from the blob (the
/// body is not copied), so the blob and the record's own parts are all that is allocated.
/// </remarks>
internal static class RecordFormatter
{
    private const byte FormatVersion = 1;

    public static byte[] Serialize(IdempotencyRecord record)
    {
        var blob = new byte[SerializedLength(record)];
        var position = 0;
        blob[position++] = FormatVersion;
        blob[position++] = (byte)record.Kind;
        record.Fingerprint.Write(blob.AsSpan(position));
        position += Fingerprint.Size;
        Write7BitEncoded(blob, ref position, (ulong)record.CreatedAt.ToUnixTimeMilliseconds());
        Write7BitEncoded(blob, ref position, (uint)record.StatusCode);
        Write7BitEncoded(blob, ref position, (ulong)record.OriginalBodyLength);
        Write7BitEncoded(blob, ref position, (uint)record.Headers.Count);
        foreach (var header in record.Headers)
        {
            WriteString(blob, ref position, header.Name);
            Write7BitEncoded(blob, ref position, (uint)header.Values.Length);
            foreach (var value in header.Values)
            {
                WriteString(blob, ref position, value);
            }
        }

        Write7BitEncoded(blob, ref position, (uint)record.Body.Length);
        record.Body.Span.CopyTo(blob.AsSpan(position));
        return blob;
    }

    /// <exception cref="InvalidDataException">The blob is not a record this version understands.</exception>
    public static IdempotencyRecord Deserialize(byte[] blob)
    {
        var position = 0;
        var version = ReadByte(blob, ref position);
        if (version != FormatVersion)
        {
            throw new InvalidDataException($"Idempotency record format version {version} is not supported (expected {FormatVersion}).");
        }

        var kind = (RecordKind)ReadByte(blob, ref position);
        var fingerprint = Fingerprint.Read(ReadBytes(blob, ref position, Fingerprint.Size));
        var createdAt = DateTimeOffset.FromUnixTimeMilliseconds(Read7BitEncodedInt64(blob, ref position));
        var status = Read7BitEncodedInt(blob, ref position);
        var originalLength = Read7BitEncodedInt64(blob, ref position);
        var headers = new StoredHeader[Read7BitEncodedInt(blob, ref position)];
        for (var i = 0; i < headers.Length; i++)
        {
            var name = ReadString(blob, ref position);
            var values = new string[Read7BitEncodedInt(blob, ref position)];
            for (var v = 0; v < values.Length; v++)
            {
                values[v] = ReadString(blob, ref position);
            }

            headers[i] = new StoredHeader(name, values);
        }

        var bodyLength = Read7BitEncodedInt(blob, ref position);
        if (position + bodyLength != blob.Length)
        {
            throw Truncated();
        }

        return new IdempotencyRecord
        {
            Kind = kind,
            Fingerprint = fingerprint,
            CreatedAt = createdAt,
            StatusCode = status,
            OriginalBodyLength = originalLength,
            Headers = headers,
            Body = blob.AsMemory(position, bodyLength),
        };
    }

    private static int SerializedLength(IdempotencyRecord record)
    {
        var length = 2 + Fingerprint.Size
            + Length7BitEncoded((ulong)record.CreatedAt.ToUnixTimeMilliseconds())
            + Length7BitEncoded((uint)record.StatusCode)
            + Length7BitEncoded((ulong)record.OriginalBodyLength)
            + Length7BitEncoded((uint)record.Headers.Count);
        foreach (var header in record.Headers)
        {
            length += StringLength(header.Name) + Length7BitEncoded((uint)header.Values.Length);
            foreach (var value in header.Values)
            {
                length += StringLength(value);
            }
        }

        return length + Length7BitEncoded((uint)record.Body.Length) + record.Body.Length;
    }

    private static int StringLength(string value)
    {
        var bytes = Encoding.UTF8.GetByteCount(value);
        return Length7BitEncoded((uint)bytes) + bytes;
    }

    private static int Length7BitEncoded(ulong value)
    {
        var length = 1;
        while (value > 0x7F)
        {
            value >>= 7;
            length++;
        }

        return length;
    }

    private static void Write7BitEncoded(byte[] blob, ref int position, ulong value)
    {
        while (value > 0x7F)
        {
            blob[position++] = (byte)(value | 0x80);
            value >>= 7;
        }

        blob[position++] = (byte)value;
    }

    private static void WriteString(byte[] blob, ref int position, string value)
    {
        Write7BitEncoded(blob, ref position, (uint)Encoding.UTF8.GetByteCount(value));
        position += Encoding.UTF8.GetBytes(value, blob.AsSpan(position));
    }

    private static byte ReadByte(byte[] blob, ref int position) =>
        position < blob.Length ? blob[position++] : throw Truncated();

    private static ReadOnlySpan<byte> ReadBytes(byte[] blob, ref int position, int count)
    {
        if (blob.Length - position < count)
        {
            throw Truncated();
        }

        position += count;
        return blob.AsSpan(position - count, count);
    }

    /// <summary>A length-prefixed UTF-8 string, as <see cref="Serialize"/> writes it.</summary>
    private static string ReadString(byte[] blob, ref int position)
    {
        var length = Read7BitEncodedInt(blob, ref position);
        if (length < 0)
        {
            throw new InvalidDataException($"Idempotency record holds a string of negative length {length}.");
        }

        return Encoding.UTF8.GetString(ReadBytes(blob, ref position, length));
    }

    /// <summary>A 7-bit encoded integer of at most 32 bits.</summary>
    private static int Read7BitEncodedInt(byte[] blob, ref int position) => (int)Read7BitEncoded(blob, ref position, 32);

    /// <summary>A 7-bit encoded integer of at most 64 bits.</summary>
    private static long Read7BitEncodedInt64(byte[] blob, ref int position) => (long)Read7BitEncoded(blob, ref position, 64);

    private static ulong Read7BitEncoded(byte[] blob, ref int position, int bits)
    {
        var result = 0UL;
        var shift = 0;
        for (; shift < bits / 7 * 7; shift += 7)
        {
            var part = ReadByte(blob, ref position);
            result |= (part & 0x7FUL) << shift;
            if (part <= 0x7F)
            {
                return result;
            }
        }

        // The last byte holds what is left of the bits, and no continuation.
        var last = ReadByte(blob, ref position);
        if (last >> (bits - shift) != 0)
        {
            throw new InvalidDataException("Idempotency record holds a 7-bit encoded integer that is too long.");
        }

        return result | ((ulong)last << shift);
    }

    private static InvalidDataException Truncated() => new("Idempotency record is truncated.");
}
