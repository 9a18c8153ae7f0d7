using System.Globalization;

namespace WhetGateway.Idempotency;

/// <summary>A set of HTTP status codes written as codes (<c>503</c>) or classes (<c>4xx</c>).</summary>
internal sealed class StatusCodeSet
{
    private readonly bool[] _members = new bool[600];

    private StatusCodeSet()
    {
    }

    public bool Contains(int statusCode) => statusCode is >= 0 and < 600 && _members[statusCode];

    /// <summary>Parses the entries, or returns the first entry that is neither a code nor a class.</summary>
    public static StatusCodeSet? TryParse(IEnumerable<string> entries, out string? invalidEntry)
    {
        var set = new StatusCodeSet();
        foreach (var raw in entries)
        {
            var entry = raw.Trim();
            if (entry.Length == 3 && entry[0] is >= '1' and <= '5' && entry.EndsWith("xx", StringComparison.OrdinalIgnoreCase))
            {
                var first = (entry[0] - '0') * 100;
                Array.Fill(set._members, true, first, 100);
            }
            else if (int.TryParse(entry, NumberStyles.None, CultureInfo.InvariantCulture, out var code) && code is >= 100 and < 600)
            {
                set._members[code] = true;
            }
            else
            {
                invalidEntry = raw;
                return null;
            }
        }

        invalidEntry = null;
        return set;
    }
}
