using System.Globalization;
using System.Runtime;
using System.Text;

namespace WhetGateway.Bench.Host;

/// <summary>
/// What the harness reads from inside the gateway process, and nothing the product itself exposes: requests served
/// (the counter endpoint's own excluded), bytes allocated by every thread, collections, resident memory, and methods
/// the JIT compiled (the harness warms up until tiered compilation has settled).
/// </summary>
internal static class BenchCounters
{
    public const string Path = "/_bench/counters";

    private static long s_requests;

    public static void Map(WebApplication app)
    {
        app.Use(next => context =>
        {
            if (!context.Request.Path.StartsWithSegments(Path, StringComparison.Ordinal))
            {
                Interlocked.Increment(ref s_requests);
            }

            return next(context);
        });
        app.MapGet(Path, () => TypedResults.Text(Snapshot(), "text/plain"));
    }

    /// <summary>One <c>name value</c> pair per line, for a shell to read.</summary>
    private static string Snapshot()
    {
        var text = new StringBuilder();
        Line(text, "requests", Interlocked.Read(ref s_requests));
        Line(text, "allocated_bytes", GC.GetTotalAllocatedBytes(precise: true));
        Line(text, "gen0_collections", GC.CollectionCount(0));
        Line(text, "gen1_collections", GC.CollectionCount(1));
        Line(text, "gen2_collections", GC.CollectionCount(2));
        Line(text, "rss_bytes", StatusKilobytes("VmRSS:") * 1024);
        Line(text, "peak_rss_bytes", StatusKilobytes("VmHWM:") * 1024);
        Line(text, "jit_methods", JitInfo.GetCompiledMethodCount());
        return text.ToString();
    }

    private static void Line(StringBuilder text, string name, long value) =>
        text.Append(name).Append(' ').Append(value.ToString(CultureInfo.InvariantCulture)).Append('\n');

    /// <summary>A size from /proc/self/status (Linux), in kB, or 0 where there is none.</summary>
    private static long StatusKilobytes(string field)
    {
        const string status = "/proc/self/status";
        var line = File.Exists(status) ? File.ReadLines(status).FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal)) : null;
        return line is null ? 0 : long.Parse(line.AsSpan(field.Length).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture);
    }
}
