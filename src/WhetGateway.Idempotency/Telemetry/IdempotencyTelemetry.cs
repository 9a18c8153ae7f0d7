using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using WhetGateway.Idempotency;
using WhetGateway.Storage;

namespace WhetGateway.Telemetry;

/// <summary>
/// The gateway's instruments (meter and activity source <c>WhetGateway</c>) and its outcome log: every request on
/// an idempotent route ends in exactly one <see cref="IdempotencyOutcome"/>, counted, logged and set on the request's
/// span. Records appear by hashed id only, never a raw key or credential.
/// </summary>
internal sealed class IdempotencyTelemetry
{
    /// <summary>The name of the meter and of the activity source.</summary>
    public const string Name = "WhetGateway";

    public const string OutcomeTag = "whet.idempotency.outcome";
    public const string PolicyTag = "whet.idempotency.policy";

    public static readonly ActivitySource ActivitySource = new(Name);

    private static readonly string[] OutcomeNames =
    [
        "executed", "taken_over", "replayed", "waited", "mismatch", "rejected", "in_progress", "not_replayable", "tombstone", "passthrough", "store_unavailable",
        "outcome_unknown",
    ];

    private readonly ILogger<IdempotencyTelemetry> _logger;
    private readonly Counter<long> _requests;
    private readonly Counter<long> _executions;
    private readonly Histogram<double> _storeDuration;
    private readonly Histogram<double> _waitDuration;
    private readonly UpDownCounter<long> _claimsInFlight;
    private readonly Histogram<long> _recordedBytes;
    private IReadOnlyList<StoreMemoryReading> _storeMemory = [];

    public IdempotencyTelemetry(IMeterFactory meters, ILogger<IdempotencyTelemetry> logger)
    {
        _logger = logger;
        var meter = meters.Create(Name);
        _requests = meter.CreateCounter<long>("whet.idempotency.requests", "{request}", "Requests on idempotent routes, by outcome.");
        _executions = meter.CreateCounter<long>("whet.idempotency.executions", "{execution}", "Upstream executions of claimed keys, by result: recorded, released, outcome_unknown, lost.");
        _storeDuration = meter.CreateHistogram<double>("whet.idempotency.store.duration", "s", "Duration of store calls, by operation and result.");
        _waitDuration = meter.CreateHistogram<double>("whet.idempotency.wait.duration", "s", "Time duplicates spent waiting for the original in flight.");
        _claimsInFlight = meter.CreateUpDownCounter<long>("whet.idempotency.claims.in_flight", "{claim}", "Claims this instance holds while their upstream call runs.");
        _recordedBytes = meter.CreateHistogram<long>("whet.idempotency.recorded.bytes", "By", "Size of recorded response bodies.");
        meter.CreateObservableGauge("whet.idempotency.store.memory.used", () => StoreMemory(static reading => reading.UsedBytes), "By",
            "Memory the record store uses, per node: the in-memory store's counted bytes, or Redis used_memory. Read once a minute.");
        meter.CreateObservableGauge("whet.idempotency.store.memory.limit", () => StoreMemory(static reading => reading.LimitBytes, boundedOnly: true), "By",
            "The record store's memory limit, per node: Idempotency:Store:InMemory:SizeLimitBytes, or Redis maxmemory (absent when 0, unbounded).");
    }

    public static string NameOf(IdempotencyOutcome outcome) => OutcomeNames[(int)outcome];

    /// <summary>
    /// Reports how a request ended, once, as its answer starts or else as it leaves the middleware: its outcome
    /// counted, logged and set on its span, and its wait for an original in flight timed. A request that ended before
    /// its outcome was decided (the client left while it waited) has none to report.
    /// </summary>
    public void Report(IdempotencyContext context)
    {
        if (context.Outcome is not { } outcome || context.Reported)
        {
            return;
        }

        context.Reported = true;
        if (context.WaitedFor is { } waited)
        {
            _waitDuration.Record(waited.TotalSeconds);
        }

        var (name, policy) = (NameOf(outcome), context.Policy.Name);
        _requests.Add(1, new KeyValuePair<string, object?>("outcome", name), new KeyValuePair<string, object?>("policy", policy));
        Activity.Current?.SetTag(OutcomeTag, name).SetTag(PolicyTag, policy);
        _logger.Outcome(name, context.Id, policy);
    }

    public void Executed(string result, IdempotencyPolicy policy) =>
        _executions.Add(1, new KeyValuePair<string, object?>("result", result), new KeyValuePair<string, object?>("policy", policy.Name));

    public void ClaimStarted() => _claimsInFlight.Add(1);

    public void ClaimEnded() => _claimsInFlight.Add(-1);

    public void Recorded(long bytes) => _recordedBytes.Record(bytes);

    /// <summary>Keeps the store's latest memory readings for the gauges; none when the store could not be read.</summary>
    public void StoreMemoryRead(IReadOnlyList<StoreMemoryReading> readings) => Volatile.Write(ref _storeMemory, readings);

    public void StoreCall(string operation, TimeSpan duration, bool available) =>
        _storeDuration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("operation", operation), new KeyValuePair<string, object?>("result", available ? "ok" : "unavailable"));

    private IEnumerable<Measurement<long>> StoreMemory(Func<StoreMemoryReading, long> value, bool boundedOnly = false) =>
        Volatile.Read(ref _storeMemory)
            .Where(reading => !boundedOnly || reading.IsBounded)
            .Select(reading => new Measurement<long>(value(reading), new KeyValuePair<string, object?>("node", reading.Node)));
}
