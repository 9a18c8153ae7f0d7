using System.Buffers.Text;
using System.Text;

namespace WhetGateway.Idempotency.Fingerprinting;

/// <summary>
/// Decodes the escapes of a JSON string's text that a reader has already checked (every escape well formed, every
/// <c>\uD800</c>–<c>\uDBFF</c> followed by its low half): a plain copy between backslashes, no reader to set up.
/// </summary>
internal static class JsonStringUnescaper
{
    /// <summary>Writes <paramref name="text"/> unescaped to <paramref name="destination"/> (at least as long) and returns its length.</summary>
    public static int Unescape(ReadOnlySpan<byte> text, Span<byte> destination)
    {
        var written = 0;
        while (true)
        {
            var backslash = text.IndexOf((byte)'\\');
            var run = backslash < 0 ? text : text[..backslash];
            run.CopyTo(destination[written..]);
            written += run.Length;
            if (backslash < 0)
            {
                return written;
            }

            var escaped = text[backslash + 1];
            if (escaped != (byte)'u')
            {
                destination[written++] = escaped switch
                {
                    (byte)'b' => (byte)'\b',
                    (byte)'f' => (byte)'\f',
                    (byte)'n' => (byte)'\n',
                    (byte)'r' => (byte)'\r',
                    (byte)'t' => (byte)'\t',
                    _ => escaped, // \" \\ \/
                };
                text = text[(backslash + 2)..];
                continue;
            }

            var codeUnit = CodeUnit(text[(backslash + 2)..]);
            text = text[(backslash + 6)..];
            var scalar = char.IsHighSurrogate((char)codeUnit)
                ? new Rune((char)codeUnit, (char)CodeUnit(text[2..]))
                : new Rune(codeUnit);
            text = char.IsHighSurrogate((char)codeUnit) ? text[6..] : text;
            written += scalar.EncodeToUtf8(destination[written..]);
        }
    }

    private static int CodeUnit(ReadOnlySpan<byte> hex) =>
        Utf8Parser.TryParse(hex[..4], out ushort value, out _, 'X') ? value : throw new InvalidOperationException("Cannot unescape JSON text.");
}
