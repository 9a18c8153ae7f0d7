using System.Buffers.Binary;

namespace WhetGateway.Storage;

/// <summary>A SHA-256 digest of a request's canonical body; two requests with equal fingerprints are the same request.</summary>
internal readonly record struct Fingerprint(ulong Part0, ulong Part1, ulong Part2, ulong Part3)
{
    public const int Size = 32;

    public static Fingerprint Read(ReadOnlySpan<byte> digest) => new(
        BinaryPrimitives.ReadUInt64LittleEndian(digest),
        BinaryPrimitives.ReadUInt64LittleEndian(digest[8..]),
        BinaryPrimitives.ReadUInt64LittleEndian(digest[16..]),
        BinaryPrimitives.ReadUInt64LittleEndian(digest[24..]));

    public void Write(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(destination, Part0);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[8..], Part1);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[16..], Part2);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[24..], Part3);
    }
}
