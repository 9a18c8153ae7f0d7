using System.Text;

namespace WhetGateway.Storage;

/// <summary>
/// The binary form of a record in a store: one versioned blob (kind, fingerprint, time, status, headers, body),
/// in the spirit of OutputCache's entry formatter. A blob of an unknown version is refused rather than guessed at.
/// </summary>
internal static class RecordFormatter
{
    private const byte FormatVersion = 1;

    public static byte[] Serialize(IdempotencyRecord record)
    {
        using var stream = new MemoryStream(64 + record.Body.Length);
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(FormatVersion);
            writer.Write((byte)record.Kind);
            Span<byte> fingerprint = stackalloc byte[Fingerprint.Size];
            record.Fingerprint.Write(fingerprint);
            writer.Write(fingerprint);
            writer.Write7BitEncodedInt64(record.CreatedAt.ToUnixTimeMilliseconds());
            writer.Write7BitEncodedInt(record.StatusCode);
            writer.Write7BitEncodedInt64(record.OriginalBodyLength);
            writer.Write7BitEncodedInt(record.Headers.Count);
            foreach (var header in record.Headers)
            {
                writer.Write(header.Name);
                writer.Write7BitEncodedInt(header.Values.Length);
                foreach (var value in header.Values)
                {
                    writer.Write(value);
                }
            }

            writer.Write7BitEncodedInt(record.Body.Length);
            writer.Write(record.Body.Span);
        }

        return stream.ToArray();
    }

    /// <exception cref="InvalidDataException">The blob is not a record this version understands.</exception>
    public static IdempotencyRecord Deserialize(byte[] blob)
    {
        try
        {
            using var stream = new MemoryStream(blob, writable: false);
            using var reader = new BinaryReader(stream, Encoding.UTF8);
            var version = reader.ReadByte();
            if (version != FormatVersion)
            {
                throw new InvalidDataException($"Idempotency record format version {version} is not supported (expected {FormatVersion}).");
            }

            var kind = (RecordKind)reader.ReadByte();
            var fingerprintBytes = reader.ReadBytes(Fingerprint.Size);
            if (fingerprintBytes.Length != Fingerprint.Size)
            {
                throw new InvalidDataException("Idempotency record is truncated.");
            }

            var fingerprint = Fingerprint.Read(fingerprintBytes);
            var createdAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.Read7BitEncodedInt64());
            var status = reader.Read7BitEncodedInt();
            var originalLength = reader.Read7BitEncodedInt64();
            var headers = new StoredHeader[reader.Read7BitEncodedInt()];
            for (var i = 0; i < headers.Length; i++)
            {
                var name = reader.ReadString();
                var values = new string[reader.Read7BitEncodedInt()];
                for (var v = 0; v < values.Length; v++)
                {
                    values[v] = reader.ReadString();
                }

                headers[i] = new StoredHeader(name, values);
            }

            var bodyLength = reader.Read7BitEncodedInt();
            var bodyStart = (int)stream.Position;
            if (bodyStart + bodyLength != blob.Length)
            {
                throw new InvalidDataException("Idempotency record is truncated.");
            }

            return new IdempotencyRecord
            {
                Kind = kind,
                Fingerprint = fingerprint,
                CreatedAt = createdAt,
                StatusCode = status,
                OriginalBodyLength = originalLength,
                Headers = headers,
                Body = blob.AsMemory(bodyStart, bodyLength),
            };
        }
        catch (EndOfStreamException exception)
        {
            throw new InvalidDataException("Idempotency record is truncated.", exception);
        }
    }
}
