using OpenTelemetry.Metrics;

namespace WhetGateway.Tests.Infrastructure;

/// <summary>Counters exported to memory, read back as sums by the value of one tag.</summary>
public static class ExportedCounters
{
    /// <summary>The sum of <paramref name="counter"/> for each value of <paramref name="tag"/> among <paramref name="metrics"/>.</summary>
    public static Dictionary<string, long> SumsBy(IEnumerable<Metric> metrics, string counter, string tag)
    {
        var sums = new Dictionary<string, long>();
        foreach (var metric in metrics.Where(metric => metric.Name == counter))
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                foreach (var pointTag in point.Tags)
                {
                    if (pointTag.Key == tag)
                    {
                        sums[(string)pointTag.Value!] = point.GetSumLong();
                    }
                }
            }
        }

        return sums;
    }
}
