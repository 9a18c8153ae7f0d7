using System.Buffers;
using System.Text.Unicode;
using WhetGateway.Buffers;

namespace WhetGateway.Idempotency.Fingerprinting;

/// <summary>
/// Writes a tokenized JSON document in canonical form: members of every object sorted by name (ties in document
/// order), the skipped member left out of the outermost object, strings decoded and re-escaped one way, numbers and
/// literals as written.
/// </summary>
internal ref struct CanonicalForm
{
    /// <summary>Strings up to this many bytes are decoded on the stack.</summary>
    private const int StackTextBytes = 256;

    private readonly ReadOnlyMemory<byte> _document;
    private readonly ReadOnlySpan<byte> _json;
    private readonly ReadOnlySpan<JsonToken> _tokens;
    private readonly ReadOnlySpan<byte> _skippedName;
    private readonly bool _skips;
    private readonly ref CanonicalJsonWriter _output;

    // Names that were escaped, decoded one object after another; an object's names are dropped once it is written.
    private byte[]? _decodedNames;
    private int _decodedLength;

    private CanonicalForm(ReadOnlyMemory<byte> json, ReadOnlySpan<JsonToken> tokens, ReadOnlySpan<byte> skippedName, bool skips, ref CanonicalJsonWriter output)
    {
        _document = json;
        _json = json.Span;
        _tokens = tokens;
        _skippedName = skippedName;
        _skips = skips;
        _output = ref output;
    }

    /// <summary>
    /// Splits <paramref name="json"/> into tokens and writes it, leaving out the outermost object's members named
    /// <paramref name="skippedMember"/>; a name that is not valid UTF-16 matches no member, as with
    /// <see cref="System.Text.Json.JsonProperty.NameEquals(string)"/>.
    /// </summary>
    public static void Write(ReadOnlyMemory<byte> json, string skippedMember, ref CanonicalJsonWriter output)
    {
        var tokens = ArrayPool<JsonToken>.Shared.Rent((json.Length / 8) + 16);
        byte[]? rented = null;
        var maxLength = System.Text.Encoding.UTF8.GetMaxByteCount(skippedMember.Length);
        var skippedName = maxLength <= StackTextBytes ? stackalloc byte[StackTextBytes] : rented = ArrayPool<byte>.Shared.Rent(maxLength);
        var skips = Utf8.FromUtf16(skippedMember, skippedName, out _, out var length, replaceInvalidSequences: false) == OperationStatus.Done;
        try
        {
            var count = JsonTokenizer.Tokenize(json.Span, ref tokens);
            var form = new CanonicalForm(json, tokens.AsSpan(0, count), skippedName[..length], skips, ref output);
            try
            {
                form.WriteValue(0);
            }
            finally
            {
                PooledArray.Return(form._decodedNames);
            }
        }
        finally
        {
            ArrayPool<JsonToken>.Shared.Return(tokens);
            PooledArray.Return(rented);
        }
    }

    private void WriteValue(int index)
    {
        var token = _tokens[index];
        switch (token.Kind)
        {
            case JsonTokenKind.Object:
                WriteObject(index);
                break;
            case JsonTokenKind.Array:
                _output.Write((byte)'[');
                for (var element = index + 1; element < token.Next; element = _tokens[element].Next)
                {
                    if (element > index + 1)
                    {
                        _output.Write((byte)',');
                    }

                    WriteValue(element);
                }

                _output.Write((byte)']');
                break;
            case JsonTokenKind.String:
                WriteString(token);
                break;
            default:
                _output.Write(_json.Slice(token.Start, token.Length));
                break;
        }
    }

    private void WriteObject(int index)
    {
        var end = _tokens[index].Next;
        var count = 0;
        for (var name = index + 1; name < end; name = _tokens[name + 1].Next)
        {
            count++;
        }

        ObjectMember[]? rented = null;
        var onStack = default(StackMembers);
        Span<ObjectMember> members = count <= StackMembers.Capacity ? onStack : rented = ArrayPool<ObjectMember>.Shared.Rent(count);
        var decodedBefore = _decodedLength;
        try
        {
            var kept = 0;
            for (var name = index + 1; name < end; name = _tokens[name + 1].Next)
            {
                var member = Member(name, kept);
                if (!(index == 0 && _skips && member.Name.Span.SequenceEqual(_skippedName)))
                {
                    members[kept++] = member;
                }
            }

            members = members[..kept];
            members.Sort();
            _output.Write((byte)'{');
            for (var i = 0; i < members.Length; i++)
            {
                if (i > 0)
                {
                    _output.Write((byte)',');
                }

                _output.WriteString(members[i].Name.Span);
                _output.Write((byte)':');
                WriteValue(members[i].ValueToken);
            }

            _output.Write((byte)'}');
        }
        finally
        {
            _decodedLength = decodedBefore;
            PooledArray.Return(rented);
        }
    }

    /// <summary>The member whose name token is at <paramref name="name"/>, its name decoded first if it was escaped.</summary>
    private ObjectMember Member(int name, int position)
    {
        var token = _tokens[name];
        if (!token.Escaped)
        {
            return new ObjectMember(_document.Slice(token.Start, token.Length), name + 1, position);
        }

        // Decoded names never outgrow the document, so one buffer its size holds them all.
        _decodedNames ??= ArrayPool<byte>.Shared.Rent(_json.Length);
        var length = Unescape(token, _decodedNames.AsSpan(_decodedLength));
        var member = new ObjectMember(_decodedNames.AsMemory(_decodedLength, length), name + 1, position);
        _decodedLength += length;
        return member;
    }

    private readonly void WriteString(JsonToken token)
    {
        if (!token.Escaped)
        {
            _output.WriteString(_json.Slice(token.Start, token.Length));
            return;
        }

        byte[]? rented = null;
        var text = token.Length <= StackTextBytes ? stackalloc byte[StackTextBytes] : rented = ArrayPool<byte>.Shared.Rent(token.Length);
        try
        {
            _output.WriteString(text[..Unescape(token, text)]);
        }
        finally
        {
            PooledArray.Return(rented);
        }
    }

    /// <summary>Copies the text of an escaped string or name, unescaped, to <paramref name="destination"/>; returns its length.</summary>
    private readonly int Unescape(JsonToken token, Span<byte> destination) =>
        JsonStringUnescaper.Unescape(_json.Slice(token.Start, token.Length), destination);
}
