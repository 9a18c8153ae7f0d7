using System.Buffers;
using WhetGateway.Buffers;
using WhetGateway.Json;

namespace WhetGateway.Idempotency.Fingerprinting;

/// <summary>
/// Splits a JSON document into <see cref="JsonToken"/>s in one pass, with vectorized searches for the ends of strings
/// and literals. It trusts its input: only text that <see cref="System.Text.Json.Utf8JsonReader"/> has already read
/// whole as valid JSON within <see cref="JsonLimits.MaxDepth"/> (the key reader reads every keyed body) is given to it.
/// </summary>
internal static class JsonTokenizer
{
    private static readonly SearchValues<byte> StringEnds = SearchValues.Create("\"\\"u8);

    private static readonly SearchValues<byte> LiteralEnds = SearchValues.Create(",}] \t\r\n"u8);

    /// <summary>Writes the tokens of <paramref name="json"/> to <paramref name="tokens"/> (grown as needed) and returns how many.</summary>
    public static int Tokenize(ReadOnlySpan<byte> json, ref JsonToken[] tokens)
    {
        Span<int> open = stackalloc int[JsonLimits.MaxDepth + 1];
        var depth = 0;
        var count = 0;
        var expectingName = false;
        var position = 0;
        while (position < json.Length)
        {
            var next = json[position];
            if (next is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or (byte)':')
            {
                position++;
                continue;
            }

            if (next == (byte)',')
            {
                expectingName = tokens[open[depth - 1]].Kind == JsonTokenKind.Object;
                position++;
                continue;
            }

            if (next is (byte)'}' or (byte)']')
            {
                var container = open[--depth];
                tokens[container] = tokens[container] with { Next = count };
                position++;
                continue;
            }

            PooledArray.EnsureRoom(ref tokens, count, 1);
            switch (next)
            {
                case (byte)'{' or (byte)'[':
                    open[depth++] = count;
                    expectingName = next == (byte)'{';
                    tokens[count++] = new JsonToken(next == (byte)'{' ? JsonTokenKind.Object : JsonTokenKind.Array, false, position, 1, 0);
                    position++;
                    break;
                case (byte)'"':
                    var end = StringEnd(json, position + 1, out var escaped);
                    var kind = expectingName ? JsonTokenKind.PropertyName : JsonTokenKind.String;
                    tokens[count] = new JsonToken(kind, escaped, position + 1, end - position - 1, count + 1);
                    count++;
                    expectingName = false;
                    position = end + 1;
                    break;
                default:
                    var length = json[position..].IndexOfAny(LiteralEnds);
                    length = length < 0 ? json.Length - position : length;
                    tokens[count] = new JsonToken(JsonTokenKind.Literal, false, position, length, count + 1);
                    count++;
                    position += length;
                    break;
            }
        }

        return count;
    }

    /// <summary>The index of the quote that closes the string whose text starts at <paramref name="start"/>.</summary>
    private static int StringEnd(ReadOnlySpan<byte> json, int start, out bool escaped)
    {
        escaped = false;
        var position = start;
        while (true)
        {
            position += json[position..].IndexOfAny(StringEnds);
            if (json[position] == (byte)'"')
            {
                return position;
            }

            // A backslash and the character it escapes; the hex digits of \uXXXX hold neither a quote nor a backslash.
            escaped = true;
            position += 2;
        }
    }
}
