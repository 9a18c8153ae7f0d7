using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using WhetGateway.Tests.Gateway;
using WhetGateway.Tests.Infrastructure;

namespace WhetGateway.Tests.Operations;

/// <summary>Every request on an idempotent route is counted by outcome and tagged on its span; store calls are traced.</summary>
[Collection(TelemetryCollection.Name)]
public sealed class TelemetryTests : UpstreamTestBase
{
    private readonly List<Metric> _metrics = [];
    private readonly List<Activity> _spans = [];
    private GatewayHost _gateway = null!;
    private HttpClient _client = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _gateway = await GatewayHost.StartAsync(GatewayHost.Settings(Upstream.Address), services =>
        {
            services
                .ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddInMemoryExporter(_metrics))
                .ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(_spans));
            WatchedStore.Install(services);
        });
        _client = _gateway.CreateClient();
    }

    public override async Task DisposeAsync()
    {
        _client.Dispose();
        await _gateway.DisposeAsync();
        await base.DisposeAsync();
    }

    [Fact]
    public async Task Requests_are_counted_by_outcome()
    {
        var key = Requests.NewKey();
        await SendAsync(Requests.CreatePipeline(key));                       // executed
        await SendAsync(Requests.CreatePipeline(key));                       // replayed
        await SendAsync(Requests.CreatePipeline(key, "another intent"));     // mismatch
        await SendAsync(Requests.CreatePipeline("too-short"));               // rejected
        await SendAsync("""{"intent":"no key"}""");                          // passthrough

        var counts = RequestCountsByOutcome();

        Assert.Equal(1, counts.GetValueOrDefault("executed"));
        Assert.Equal(1, counts.GetValueOrDefault("replayed"));
        Assert.Equal(1, counts.GetValueOrDefault("mismatch"));
        Assert.Equal(1, counts.GetValueOrDefault("rejected"));
        Assert.Equal(1, counts.GetValueOrDefault("passthrough"));
    }

    [Fact]
    public async Task A_replay_after_the_resource_was_deleted_is_counted_as_tombstone()
    {
        var body = Requests.CreatePipeline(Requests.NewKey());
        using var created = await _client.SendAsync(Requests.Post("/pipelines/from-intent", body));
        using var deleted = await _client.DeleteAsync(created.Headers.Location);
        await SendAsync(body);

        Assert.Equal(1, RequestCountsByOutcome().GetValueOrDefault("tombstone"));
    }

    [Fact]
    public async Task A_duplicate_that_waited_for_the_original_and_got_its_response_is_counted_as_waited()
    {
        var body = Requests.CreatePipeline(Requests.NewKey());
        await WhileTheOriginalIsHeldAsync(body, originalFails: false);

        var counts = RequestCountsByOutcome();

        Assert.Equal(1, counts.GetValueOrDefault("executed"));
        Assert.Equal(1, counts.GetValueOrDefault("waited"));
        Assert.Equal(0, counts.GetValueOrDefault("replayed"));
    }

    [Fact]
    public async Task A_duplicate_that_ran_itself_after_the_original_released_its_claim_is_counted_as_taken_over()
    {
        var body = Requests.CreatePipeline(Requests.NewKey());
        await WhileTheOriginalIsHeldAsync(body, originalFails: true);

        var counts = RequestCountsByOutcome();

        Assert.Equal(1, counts.GetValueOrDefault("executed"));
        Assert.Equal(1, counts.GetValueOrDefault("taken_over"));
    }

    [Fact]
    public async Task The_outcome_is_set_on_the_inbound_request_span()
    {
        var key = Requests.NewKey();
        await SendAsync(Requests.CreatePipeline(key));
        await SendAsync(Requests.CreatePipeline(key));
        FlushTraces();

        var outcomes = _spans.Where(span => span.Kind == ActivityKind.Server)
            .Select(span => span.GetTagItem("whet.idempotency.outcome") as string).OfType<string>().ToList();

        Assert.Equal(["executed", "replayed"], outcomes);
    }

    [Fact]
    public async Task Store_calls_are_traced_and_timed()
    {
        await SendAsync(Requests.CreatePipeline(Requests.NewKey()));
        FlushTraces();
        FlushMetrics();

        var storeSpans = _spans.Select(span => span.OperationName).Where(name => name.StartsWith("whet.store.", StringComparison.Ordinal)).ToList();
        var durations = _metrics.Where(metric => metric.Name == "whet.idempotency.store.duration").ToList();

        Assert.Contains("whet.store.begin", storeSpans);
        Assert.Contains("whet.store.complete", storeSpans);
        Assert.NotEmpty(durations);
    }

    [Fact]
    public void The_store_memory_in_use_and_its_limit_are_gauged_from_the_start()
    {
        FlushMetrics();

        var gauges = _metrics.Where(metric => metric.Name.StartsWith("whet.idempotency.store.memory.", StringComparison.Ordinal))
            .ToDictionary(metric => metric.Name, metric => LastValue(metric));

        Assert.Equal(0, gauges["whet.idempotency.store.memory.used"]);
        Assert.Equal(100 * 1024 * 1024, gauges["whet.idempotency.store.memory.limit"]);
    }

    [Fact]
    public async Task The_metrics_endpoint_serves_the_idempotency_counters_for_Prometheus()
    {
        await SendAsync(Requests.CreatePipeline(Requests.NewKey()));

        var scrape = await _client.GetStringAsync("/metrics");

        Assert.Contains("whet_idempotency_requests_total", scrape, StringComparison.Ordinal);
    }

    private async Task SendAsync(string body)
    {
        using var response = await _client.SendAsync(Requests.Post("/pipelines/from-intent", body));
        await response.Content.ReadAsByteArrayAsync();
    }

    /// <summary>
    /// Sends <paramref name="body"/> as an original held at the upstream (answering 503 when
    /// <paramref name="originalFails"/>), then as a duplicate, and lets the original go once the duplicate waits for it.
    /// </summary>
    private async Task WhileTheOriginalIsHeldAsync(string body, bool originalFails)
    {
        (string, string)[] hooks = originalFails ? [(SampleApiHost.HoldHeader, "original"), ("X-Sample-Fail", "503")] : [(SampleApiHost.HoldHeader, "original")];
        var original = _client.SendAsync(Requests.Post("/pipelines/from-intent", body, hooks));
        await Upstream.WaitUntilHeldAsync("original");
        var duplicate = SendAsync(body);
        await _gateway.Services.GetRequiredService<WatchedStore>().DuplicateWaitingAsync();
        Upstream.Release("original");
        (await original).Dispose();
        await duplicate;
    }

    private Dictionary<string, long> RequestCountsByOutcome()
    {
        FlushMetrics();
        return ExportedCounters.SumsBy(_metrics, "whet.idempotency.requests", "outcome");
    }

    private static long LastValue(Metric metric)
    {
        foreach (ref readonly var point in metric.GetMetricPoints())
        {
            return point.GetGaugeLastValueLong();
        }

        throw new InvalidOperationException($"{metric.Name} has no point.");
    }

    private void FlushMetrics()
    {
        _metrics.Clear();
        _gateway.Services.GetRequiredService<MeterProvider>().ForceFlush();
    }

    private void FlushTraces() => _gateway.Services.GetRequiredService<TracerProvider>().ForceFlush();
}
