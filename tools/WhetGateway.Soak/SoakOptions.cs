using System.Globalization;

namespace WhetGateway.Soak;

/// <summary>The command line: <c>--gateways URL,URL… --upstream URL [--duration SECONDS] [--workers N] [--report FILE]</c>.</summary>
internal sealed record SoakOptions(IReadOnlyList<Uri> Gateways, Uri Upstream, TimeSpan Duration, int Workers, string? ReportFile)
{
    public static SoakOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            values[args[i]] = args[i + 1];
        }

        string Required(string name) => values.TryGetValue(name, out var value) ? value : throw new ArgumentException($"{name} is required.", nameof(args));

        return new SoakOptions(
            [.. Required("--gateways").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(address => new Uri(address))],
            new Uri(Required("--upstream")),
            TimeSpan.FromSeconds(double.Parse(values.GetValueOrDefault("--duration", "180"), CultureInfo.InvariantCulture)),
            int.Parse(values.GetValueOrDefault("--workers", "16"), CultureInfo.InvariantCulture),
            values.GetValueOrDefault("--report"));
    }
}
