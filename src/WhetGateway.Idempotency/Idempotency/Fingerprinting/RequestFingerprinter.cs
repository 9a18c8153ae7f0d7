using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using WhetGateway.Json;
using WhetGateway.Storage;

namespace WhetGateway.Idempotency.Fingerprinting;

/// <summary>
/// The fingerprint that tells a retry from a different request under the same key: SHA-256 over the query string
/// and the body. A JSON object body is hashed in canonical form (members sorted, insignificant whitespace gone,
/// strings re-escaped one way, the key field left out), so a client that re-serializes the same payload is still
/// recognised; numbers keep their literal text. Any other body is hashed byte for byte.
/// </summary>
/// <remarks>
/// The canonical form is what <see cref="Utf8JsonWriter"/> with <see cref="JavaScriptEncoder.UnsafeRelaxedJsonEscaping"/>
/// writes for the parsed document, members ordered by <see cref="StringComparer.Ordinal"/> on their names (ties
/// kept in document order). It is built straight from a <see cref="Utf8JsonReader"/> into one pooled buffer and
/// hashed in one call, so a fingerprint allocates nothing. An object is read twice: once to find its members (which
/// also checks the whole document before any text is decoded), then member by member in sorted order.
/// </remarks>
internal static class RequestFingerprinter
{
    /// <summary>The most bytes one escaped character takes (<c>\uD83D\uDE00</c>); room for it means progress.</summary>
    private const int MaxEscapedCharacterBytes = 12;

    // Per member, in an object's scratch array: where its name's text is (then its decoded name), where its value
    // is, and whether either is escaped.
    private const int NameStart = 0;
    private const int NameLength = 1;
    private const int ValueStart = 2;
    private const int ValueEnd = 3;
    private const int Flags = 4;
    private const int MemberFields = 5;
    private const int NameEscaped = 1;
    private const int ValueEscaped = 2;

    // Objects up to this many members, and names up to this many bytes, are handled in stack buffers.
    private const int StackMembers = 16;
    private const int StackNameBytes = 256;

    private static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    /// <summary>The ASCII bytes the encoder leaves as they are, asked of the encoder itself: text made of them only is copied.</summary>
    private static readonly SearchValues<byte> VerbatimAscii = SearchValues.Create(FindVerbatimAscii());

    public static Fingerprint Compute(ReadOnlyMemory<byte> body, bool bodyIsJsonObject, string keyField, string queryString)
    {
        var output = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(queryString.Length) + 1 + body.Length);
        try
        {
            var written = Encoding.UTF8.GetBytes(queryString, output);
            output[written++] = 0;
            if (bodyIsJsonObject)
            {
                var json = body.Span;
                var reader = new Utf8JsonReader(json, JsonLimits.ReaderOptions);
                reader.Read();
                WriteValue(ref reader, json, keyField, ref output, ref written);

                // As JsonDocument.Parse: anything but white space after the value makes the reader throw.
                reader.Read();
            }
            else
            {
                body.Span.CopyTo(output.AsSpan(written));
                written += body.Length;
            }

            Span<byte> digest = stackalloc byte[Fingerprint.Size];
            SHA256.HashData(output.AsSpan(0, written), digest);
            return Fingerprint.Read(digest);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(output);
        }
    }

    /// <summary>Writes the value the reader is on, and leaves the reader on its last token.</summary>
    private static void WriteValue(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, string? skippedMember, ref byte[] output, ref int written)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                WriteObject(ref reader, json, skippedMember, ref output, ref written);
                break;
            case JsonTokenType.StartArray:
                Append(ref output, ref written, (byte)'[');
                var first = true;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (!first)
                    {
                        Append(ref output, ref written, (byte)',');
                    }

                    first = false;
                    WriteValue(ref reader, json, null, ref output, ref written);
                }

                Append(ref output, ref written, (byte)']');
                break;
            case JsonTokenType.String:
                WriteString(ref reader, ref output, ref written);
                break;
            default:
                // Numbers keep their literal text; true, false and null have only one.
                Append(ref output, ref written, reader.ValueSpan);
                break;
        }
    }

    /// <summary>
    /// Reads the object the reader is on to its end, noting where each member's name and value are, then writes
    /// the members sorted by name.
    /// </summary>
    private static void WriteObject(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, string? skippedMember, ref byte[] output, ref int written)
    {
        int[]? rented = null;
        Span<int> members = stackalloc int[StackMembers * MemberFields];
        var used = 0;
        try
        {
            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                if (used + MemberFields > members.Length)
                {
                    members = Enlarge(members, used, ref rented);
                }

                // The name's text starts after its quote; a string value's token starts at its quote.
                members[used + NameStart] = (int)reader.TokenStartIndex + 1;
                members[used + NameLength] = reader.ValueSpan.Length;
                var flags = reader.ValueIsEscaped ? NameEscaped : 0;
                reader.Read();
                flags |= reader.TokenType == JsonTokenType.String && reader.ValueIsEscaped ? ValueEscaped : 0;
                members[used + ValueStart] = (int)reader.TokenStartIndex;
                reader.Skip();
                members[used + ValueEnd] = (int)reader.BytesConsumed;
                members[used + Flags] = flags;
                used += MemberFields;
            }

            WriteMembers(json, members[..used], skippedMember, ref output, ref written);
        }
        finally
        {
            Return(rented);
        }
    }

    /// <summary>
    /// Writes an object's members, but <paramref name="skippedMember"/>, sorted by name. The whole document has
    /// been read by now, so a malformed one has thrown before any name is decoded, as with JsonDocument.
    /// </summary>
    private static void WriteMembers(ReadOnlySpan<byte> json, Span<int> members, string? skippedMember, ref byte[] output, ref int written)
    {
        var nameBytes = 0;
        for (var member = 0; member < members.Length; member += MemberFields)
        {
            nameBytes += members[member + NameLength];
        }

        // Names decoded (unescaped, checked) in turn into one buffer, the skipped member's name (as UTF-8) after
        // them; a name never decodes longer than its text. Each member's name moves to that buffer, and members
        // that are skipped are dropped.
        var skipped = skippedMember is null ? 0 : Encoding.UTF8.GetMaxByteCount(skippedMember.Length);
        byte[]? rentedNames = null;
        var names = nameBytes + skipped <= StackNameBytes
            ? stackalloc byte[StackNameBytes]
            : rentedNames = ArrayPool<byte>.Shared.Rent(nameBytes + skipped);

        // The sort's order of member indexes, and as much room again to merge into.
        int[]? rentedOrder = null;
        var order = members.Length / MemberFields <= StackMembers
            ? stackalloc int[StackMembers * 2]
            : rentedOrder = ArrayPool<int>.Shared.Rent(members.Length / MemberFields * 2);
        try
        {
            var skippedLength = EncodeSkippedName(skippedMember, names[nameBytes..]);
            var decoded = 0;
            var kept = 0;
            for (var member = 0; member < members.Length; member += MemberFields)
            {
                var length = DecodeName(json, members.Slice(member, MemberFields), names[decoded..]);
                if (skippedLength >= 0 && names.Slice(decoded, length).SequenceEqual(names.Slice(nameBytes, skippedLength)))
                {
                    continue;
                }

                members[kept + NameStart] = decoded;
                members[kept + NameLength] = length;
                members[kept + ValueStart] = members[member + ValueStart];
                members[kept + ValueEnd] = members[member + ValueEnd];
                members[kept + Flags] = members[member + Flags];
                decoded += length;
                kept += MemberFields;
            }

            var count = kept / MemberFields;
            SortByName(members, names, order[..count], order.Slice(count, count));
            Append(ref output, ref written, (byte)'{');
            for (var i = 0; i < count; i++)
            {
                var member = order[i] * MemberFields;
                if (i > 0)
                {
                    Append(ref output, ref written, (byte)',');
                }

                WriteEscaped(names.Slice(members[member + NameStart], members[member + NameLength]), ref output, ref written);
                Append(ref output, ref written, (byte)':');
                WriteMemberValue(json[members[member + ValueStart]..members[member + ValueEnd]], (members[member + Flags] & ValueEscaped) != 0, ref output, ref written);
            }

            Append(ref output, ref written, (byte)'}');
        }
        finally
        {
            Return(rentedNames);
            Return(rentedOrder);
        }
    }

    /// <summary>
    /// Writes the skipped member's name as UTF-8 to <paramref name="destination"/> and returns its length, or -1
    /// when no member is skipped: none is named, or the name is not valid UTF-16 and so matches no member, as with
    /// <see cref="JsonProperty.NameEquals(string)"/>.
    /// </summary>
    private static int EncodeSkippedName(string? skippedMember, Span<byte> destination) =>
        skippedMember is not null && Utf8.FromUtf16(skippedMember, destination, out _, out var length, replaceInvalidSequences: false) == OperationStatus.Done
            ? length
            : -1;

    /// <summary>Copies a member's name, unescaped and checked, into <paramref name="destination"/>; returns its length.</summary>
    private static int DecodeName(ReadOnlySpan<byte> json, ReadOnlySpan<int> member, Span<byte> destination)
    {
        var text = json.Slice(member[NameStart], member[NameLength]);
        if ((member[Flags] & NameEscaped) == 0)
        {
            CheckedText(text).CopyTo(destination);
            return text.Length;
        }

        // The quoted name alone is a JSON string a reader can unescape.
        var reader = new Utf8JsonReader(json.Slice(member[NameStart] - 1, member[NameLength] + 2));
        reader.Read();
        return DecodeText(ref reader, destination);
    }

    /// <summary>Writes a member's value from its text: a plain string or a number straight away, else through a reader.</summary>
    private static void WriteMemberValue(ReadOnlySpan<byte> value, bool escaped, ref byte[] output, ref int written)
    {
        switch (value[0])
        {
            case (byte)'"' when !escaped:
                WriteEscaped(CheckedText(value[1..^1]), ref output, ref written);
                break;
            case (byte)'"' or (byte)'{' or (byte)'[':
                var reader = new Utf8JsonReader(value, JsonLimits.ReaderOptions);
                reader.Read();
                WriteValue(ref reader, value, null, ref output, ref written);
                break;
            default:
                Append(ref output, ref written, value);
                break;
        }
    }

    private static void WriteString(ref Utf8JsonReader reader, ref byte[] output, ref int written)
    {
        if (!reader.ValueIsEscaped)
        {
            WriteEscaped(CheckedText(reader.ValueSpan), ref output, ref written);
            return;
        }

        var text = ArrayPool<byte>.Shared.Rent(reader.ValueSpan.Length);
        try
        {
            var length = DecodeText(ref reader, text);
            WriteEscaped(text.AsSpan(0, length), ref output, ref written);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(text);
        }
    }

    /// <summary>
    /// Copies the text of the string the reader is on, unescaped, into <paramref name="destination"/> (at least as
    /// long as the token) and returns its length. Invalid UTF-8 or a lone surrogate throws
    /// <see cref="InvalidOperationException"/>, as <see cref="Utf8JsonReader.GetString"/> does (CopyString checks both).
    /// </summary>
    private static int DecodeText(ref Utf8JsonReader reader, Span<byte> destination)
    {
        if (reader.ValueIsEscaped)
        {
            return reader.CopyString(destination);
        }

        CheckedText(reader.ValueSpan).CopyTo(destination);
        return reader.ValueSpan.Length;
    }

    private static ReadOnlySpan<byte> CheckedText(ReadOnlySpan<byte> text) =>
        Utf8.IsValid(text) ? text : throw new InvalidOperationException("Cannot transcode invalid UTF-8 JSON text to a string.");

    /// <summary>Writes a string, quoted and escaped as the canonical writer's encoder escapes it.</summary>
    private static void WriteEscaped(ReadOnlySpan<byte> text, ref byte[] output, ref int written)
    {
        Append(ref output, ref written, (byte)'"');
        while (text.ContainsAnyExcept(VerbatimAscii))
        {
            var status = Encoder.EncodeUtf8(text, output.AsSpan(written), out var consumed, out var escaped);
            written += escaped;
            text = text[consumed..];
            if (status == OperationStatus.Done)
            {
                break;
            }

            if (status != OperationStatus.DestinationTooSmall)
            {
                throw new InvalidOperationException($"Cannot escape JSON text ({status}).");
            }

            EnsureCapacity(ref output, written, text.Length + MaxEscapedCharacterBytes);
        }

        Append(ref output, ref written, text);
        Append(ref output, ref written, (byte)'"');
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

    /// <summary>
    /// Orders members by name as <see cref="StringComparer.Ordinal"/> orders strings (UTF-16 code units), ties in
    /// document order, in O(n log n): a bottom-up merge sort, stable, of member indexes.
    /// </summary>
    private static void SortByName(ReadOnlySpan<int> members, ReadOnlySpan<byte> names, Span<int> order, Span<int> scratch)
    {
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        var from = order;
        var to = scratch;
        for (var width = 1; width < order.Length; width *= 2)
        {
            for (var left = 0; left < order.Length; left += 2 * width)
            {
                var middle = Math.Min(left + width, order.Length);
                var right = Math.Min(left + (2 * width), order.Length);
                int a = left, b = middle, next = left;
                while (a < middle && b < right)
                {
                    to[next++] = CompareNames(members, names, from[a], from[b]) <= 0 ? from[a++] : from[b++];
                }

                from[a..middle].CopyTo(to[next..]);
                from[b..right].CopyTo(to[(next + middle - a)..]);
            }

            var swap = from;
            from = to;
            to = swap;
        }

        if (from != order)
        {
            from.CopyTo(order);
        }
    }

    private static int CompareNames(ReadOnlySpan<int> members, ReadOnlySpan<byte> names, int x, int y) => CompareOrdinal(
        names.Slice(members[(x * MemberFields) + NameStart], members[(x * MemberFields) + NameLength]),
        names.Slice(members[(y * MemberFields) + NameStart], members[(y * MemberFields) + NameLength]));

    /// <summary>
    /// Compares valid UTF-8 texts as <see cref="string.CompareOrdinal(string, string)"/> compares them as UTF-16:
    /// byte order is code point order, which differs from UTF-16 order only where a character above U+FFFF (a
    /// surrogate pair, D800–DBFF first) meets one in U+E000–U+FFFF. So only the first differing characters are decoded.
    /// </summary>
    private static int CompareOrdinal(ReadOnlySpan<byte> x, ReadOnlySpan<byte> y)
    {
        var common = x.CommonPrefixLength(y);
        if (common == x.Length || common == y.Length)
        {
            return x.Length.CompareTo(y.Length);
        }

        // Back to the start of the character the first difference falls in (continuation bytes are 10xxxxxx).
        while (common > 0 && (x[common] & 0xC0) == 0x80)
        {
            common--;
        }

        Rune.DecodeFromUtf8(x[common..], out var a, out _);
        Rune.DecodeFromUtf8(y[common..], out var b, out _);
        var order = FirstUtf16CodeUnit(a).CompareTo(FirstUtf16CodeUnit(b));
        return order != 0 ? order : a.Value.CompareTo(b.Value);
    }

    private static int FirstUtf16CodeUnit(Rune rune) => rune.IsBmp ? rune.Value : 0xD800 + ((rune.Value - 0x10000) >> 10);

    private static void Append(ref byte[] output, ref int written, byte value)
    {
        EnsureCapacity(ref output, written, 1);
        output[written++] = value;
    }

    private static void Append(ref byte[] output, ref int written, ReadOnlySpan<byte> bytes)
    {
        EnsureCapacity(ref output, written, bytes.Length);
        bytes.CopyTo(output.AsSpan(written));
        written += bytes.Length;
    }

    /// <summary>Makes room for <paramref name="needed"/> more bytes, moving the output to a larger pooled array if need be.</summary>
    private static void EnsureCapacity(ref byte[] output, int written, int needed)
    {
        if (output.Length - written >= needed)
        {
            return;
        }

        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(output.Length * 2, written + needed));
        output.AsSpan(0, written).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(output);
        output = larger;
    }

    /// <summary>
    /// Moves a buffer (on the stack, or <paramref name="rented"/>) to a pooled array twice its size, keeping its
    /// first <paramref name="used"/> items.
    /// </summary>
    private static Span<T> Enlarge<T>(Span<T> buffer, int used, ref T[]? rented)
    {
        var larger = ArrayPool<T>.Shared.Rent(buffer.Length * 2);
        buffer[..used].CopyTo(larger);
        Return(rented);
        rented = larger;
        return larger;
    }

    private static void Return<T>(T[]? rented)
    {
        if (rented is not null)
        {
            ArrayPool<T>.Shared.Return(rented);
        }
    }
}
