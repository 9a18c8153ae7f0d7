using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using WhetGateway.Soak;

// Drives mixed traffic through the gateways for the given duration, then compares the upstream's executions with
// the keys that settled. Faults are injected from outside (scripts/soak.sh) and by the traffic itself.
var options = SoakOptions.Parse(args);
var tally = new SoakTally();
var clock = Stopwatch.StartNew();
using (var traffic = new SoakTraffic(options, tally))
{
    using var progress = new Timer(_ => Console.Error.WriteLine(
        string.Create(CultureInfo.InvariantCulture, $"[soak] {clock.Elapsed.TotalSeconds:F0}s {tally.Requests} requests, {tally.KeysDone}/{tally.KeysSent} keys settled")),
        null, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10));
    await traffic.RunAsync();
}

var elapsed = clock.Elapsed;
using var upstream = new HttpClient { BaseAddress = options.Upstream };
var stats = await upstream.GetFromJsonAsync<JsonElement>("/_sample/stats");
var executions = stats.GetProperty("operations").TryGetProperty("pipelines.create", out var count) ? count.GetInt64() : 0;
// Every settled key ran at least once; a key abandoned unsettled, or answered outcome_unknown, ran once or not at
// all. So the executions beyond the settled keys are duplicates, but for at most one execution per other key.
var unknown = tally.KeysUnknown;
var abandoned = tally.KeysSent - tally.KeysDone - unknown;
var duplicatesAtMost = Math.Max(0, executions - tally.KeysDone);
var duplicatesAtLeast = Math.Max(0, duplicatesAtMost - abandoned - unknown);
var report = new JsonObject
{
    ["seconds"] = Math.Round(elapsed.TotalSeconds, 1),
    ["requests"] = tally.Requests,
    ["requests_per_second"] = Math.Round(tally.Requests / elapsed.TotalSeconds, 1),
    ["keys_sent"] = tally.KeysSent,
    ["keys_settled"] = tally.KeysDone,
    ["keys_abandoned"] = abandoned,
    ["keys_outcome_unknown"] = unknown,
    ["outcome_unknown_answers"] = tally.OutcomeUnknownAnswers,
    ["upstream_executions"] = executions,
    ["duplicates"] = duplicatesAtLeast,
    ["duplicates_at_most"] = duplicatesAtMost,
    ["replay_mismatches"] = tally.ReplayMismatches,
    ["replay_mismatches_by_kind"] = new JsonObject(tally.Mismatches.Select(kind => KeyValuePair.Create(kind.Key, (JsonNode?)kind.Value))),
    ["latency_ms_p50"] = Math.Round(tally.LatencyPercentile(0.50), 1),
    ["latency_ms_p99"] = Math.Round(tally.LatencyPercentile(0.99), 1),
    ["answers_by_kind"] = new JsonObject(tally.Kinds.Select(kind => KeyValuePair.Create(kind.Key, (JsonNode?)kind.Value))),
};
var json = report.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
Console.WriteLine(json);
if (options.ReportFile is not null)
{
    await File.WriteAllTextAsync(options.ReportFile, json);
}

return duplicatesAtLeast > 0 || tally.ReplayMismatches > 0 ? 1 : 0;
