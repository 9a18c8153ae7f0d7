using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WhetGateway.Telemetry;

namespace WhetGateway.Storage;

/// <summary>
/// Reads the store's memory use at start and once a minute, so an operator hears of a filling store before it starts
/// refusing new keys: the readings feed the store memory gauges, a node past <see cref="WarningThreshold"/> of its
/// limit is logged as a warning at every reading, and a node without a limit (Redis with <c>maxmemory 0</c>, which
/// can grow until its host runs out of memory) once, when first seen so.
/// </summary>
internal sealed partial class StoreMemoryMonitor(IStoreMemory store, IdempotencyTelemetry telemetry, TimeProvider time, ILogger<StoreMemoryMonitor> logger)
    : BackgroundService
{
    /// <summary>How often the store is read.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    /// <summary>The share of a node's limit past which each reading logs a warning.</summary>
    public const double WarningThreshold = 0.8;

    private readonly HashSet<string> _unboundedNodes = new(StringComparer.Ordinal);
    private PeriodicTimer? _timer;
    private bool _readFailed;

    /// <summary>
    /// Takes the first reading as part of the start, so its warning comes before the first request and the gauges
    /// are there from the start; then reads once a minute in the background.
    /// </summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        _timer = new PeriodicTimer(Interval, time);
        await CheckAsync(cancellationToken).ConfigureAwait(false);
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    public override void Dispose()
    {
        _timer?.Dispose();
        base.Dispose();
    }

    /// <summary>Reads the store once: updates the gauges and logs what needs an operator.</summary>
    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<StoreMemoryReading> readings;
        try
        {
            readings = await store.ReadMemoryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (StoreUnavailableException exception)
        {
            // Stale figures would mislead: the gauges go quiet until the store answers again.
            telemetry.StoreMemoryRead([]);
            if (!_readFailed)
            {
                LogCannotRead(logger, exception.InnerException?.Message ?? exception.Message);
            }

            _readFailed = true;
            return;
        }

        _readFailed = false;
        telemetry.StoreMemoryRead(readings);
        foreach (var reading in readings)
        {
            if (!reading.IsBounded)
            {
                if (_unboundedNodes.Add(reading.Node))
                {
                    LogUnbounded(logger, reading.Node, reading.UsedBytes);
                }

                continue;
            }

            _unboundedNodes.Remove(reading.Node);
            if (reading.UsedBytes >= reading.LimitBytes * WarningThreshold)
            {
                LogNearLimit(logger, reading.Node, reading.UsedBytes, reading.LimitBytes, (double)reading.UsedBytes / reading.LimitBytes);
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (await _timer!.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            await CheckAsync(stoppingToken).ConfigureAwait(false);
        }
    }

    [LoggerMessage(EventId = IdempotencyEventIds.StoreMemoryHigh, Level = LogLevel.Warning, Message = "The idempotency store {Node} uses {UsedBytes} of its {LimitBytes} bytes ({Share:P0}). When it is full, "
        + "requests with new keys are answered 503 until records expire: give it more memory, or shorten RecordTtl.")]
    private static partial void LogNearLimit(ILogger logger, string node, long usedBytes, long limitBytes, double share);

    [LoggerMessage(EventId = IdempotencyEventIds.StoreMemoryUnlimited, Level = LogLevel.Warning, Message = "The idempotency store {Node} has no memory limit (Redis maxmemory 0) and uses {UsedBytes} bytes: it can "
        + "grow until its host runs out of memory. Set maxmemory, with maxmemory-policy noeviction, so a full Redis refuses new keys instead.")]
    private static partial void LogUnbounded(ILogger logger, string node, long usedBytes);

    [LoggerMessage(EventId = IdempotencyEventIds.StoreMemoryUnread, Level = LogLevel.Warning, Message = "Could not read the idempotency store's memory use, so its gauges are empty until it answers: {Reason}")]
    private static partial void LogCannotRead(ILogger logger, string reason);
}
