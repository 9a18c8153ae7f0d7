using System.Text;

namespace WhetGateway.Idempotency.Fingerprinting;

/// <summary>
/// Orders UTF-8 texts as <see cref="StringComparer.Ordinal"/> orders the same texts as strings (UTF-16 code units).
/// </summary>
internal static class Utf16OrdinalOrder
{
    /// <summary>
    /// Compares valid UTF-8 texts as <see cref="string.CompareOrdinal(string, string)"/> compares them as UTF-16:
    /// byte order is code point order, which differs from UTF-16 order only where a character above U+FFFF (a
    /// surrogate pair, D800–DBFF first) meets one in U+E000–U+FFFF. So only the first differing characters are decoded,
    /// and only when they are not ASCII.
    /// </summary>
    public static int Compare(ReadOnlySpan<byte> x, ReadOnlySpan<byte> y)
    {
        var common = x.CommonPrefixLength(y);
        if (common == x.Length || common == y.Length)
        {
            return x.Length.CompareTo(y.Length);
        }

        if (x[common] < 0x80 && y[common] < 0x80)
        {
            return x[common].CompareTo(y[common]);
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
}
