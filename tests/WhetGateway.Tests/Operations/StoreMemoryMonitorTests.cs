using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;
using WhetGateway.Storage;
using WhetGateway.Storage.Redis;
using WhetGateway.Telemetry;
using WhetGateway.Tests.Infrastructure;

namespace WhetGateway.Tests.Operations;

/// <summary>
/// The memory monitor reads Redis's <c>used_memory</c> against <c>maxmemory</c> into the store memory gauges, and warns
/// before a full Redis starts refusing new keys, or when nothing bounds it: on a real <c>redis-server</c>.
/// </summary>
public sealed class StoreMemoryMonitorTests : IAsyncLifetime
{
    private const long MaxMemory = 4 * 1024 * 1024;
    private const string UsedGauge = "whet.idempotency.store.memory.used";
    private const string LimitGauge = "whet.idempotency.store.memory.limit";

    private readonly ConcurrentQueue<string> _logs = new();
    private readonly FakeTimeProvider _time = new();
    private readonly ServiceProvider _metrics = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly ILoggerFactory _loggers;
    private readonly IdempotencyTelemetry _telemetry;
    private RedisServerProcess? _redis;
    private ConnectionMultiplexer? _connection;

    public StoreMemoryMonitorTests()
    {
        _loggers = LoggerFactory.Create(logging => logging.AddProvider(new LogCapture(_logs)));
        _telemetry = new IdempotencyTelemetry(_metrics.GetRequiredService<IMeterFactory>(), NullLogger<IdempotencyTelemetry>.Instance);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }

        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }

        _loggers.Dispose();
        await _metrics.DisposeAsync();
    }

    [Fact]
    public async Task The_gauges_report_Redis_used_memory_against_its_maxmemory()
    {
        var monitor = await MonitorRedisAsync("--maxmemory", MaxMemory.ToString(System.Globalization.CultureInfo.InvariantCulture));

        await monitor.CheckAsync(CancellationToken.None);

        var used = Assert.Single(Gauge(UsedGauge));
        var limit = Assert.Single(Gauge(LimitGauge));
        Assert.Equal(_redis!.Endpoint, used.Node);
        Assert.InRange(used.Value, 1, MaxMemory);
        Assert.Equal((_redis.Endpoint, MaxMemory), limit);
    }

    [Fact]
    public async Task Below_80_percent_of_maxmemory_nothing_is_logged()
    {
        var monitor = await MonitorRedisAsync("--maxmemory", MaxMemory.ToString(System.Globalization.CultureInfo.InvariantCulture));

        await monitor.CheckAsync(CancellationToken.None);

        Assert.Empty(_logs);
    }

    [Fact]
    public async Task Past_80_percent_of_maxmemory_every_reading_logs_a_warning_naming_the_node_and_its_use()
    {
        var monitor = await MonitorRedisAsync("--maxmemory", MaxMemory.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await FillRedisAsync(0.9);

        await monitor.CheckAsync(CancellationToken.None);
        await monitor.CheckAsync(CancellationToken.None);

        var warnings = _logs.Where(entry => entry.Contains($"Warning The idempotency store {_redis!.Endpoint} uses", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, warnings.Count);
        Assert.Contains($"of its {MaxMemory} bytes", warnings[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_Redis_without_maxmemory_is_warned_of_once_as_able_to_grow_until_the_host_runs_out_and_has_no_limit_gauge()
    {
        var monitor = await MonitorRedisAsync("--maxmemory", "0");

        await monitor.CheckAsync(CancellationToken.None);
        await monitor.CheckAsync(CancellationToken.None);

        var warning = Assert.Single(_logs);
        Assert.Contains($"Warning The idempotency store {_redis!.Endpoint} has no memory limit", warning, StringComparison.Ordinal);
        Assert.Contains("until its host runs out of memory", warning, StringComparison.Ordinal);
        Assert.Single(Gauge(UsedGauge));
        Assert.Empty(Gauge(LimitGauge));
    }

    [Fact]
    public async Task A_Redis_that_stops_answering_empties_the_gauges_and_is_logged_once()
    {
        var monitor = await MonitorRedisAsync("--maxmemory", MaxMemory.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await monitor.CheckAsync(CancellationToken.None);
        await _redis!.KillAsync();

        await monitor.CheckAsync(CancellationToken.None);
        await monitor.CheckAsync(CancellationToken.None);

        Assert.Empty(Gauge(UsedGauge));
        Assert.Single(_logs, entry => entry.Contains("Warning Could not read the idempotency store's memory use", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_store_is_read_at_start_then_once_a_minute_on_the_injected_clock()
    {
        var store = new SignallingStoreMemory();
        using var monitor = new StoreMemoryMonitor(store, _telemetry, _time, _loggers.CreateLogger<StoreMemoryMonitor>());

        await monitor.StartAsync(CancellationToken.None);
        await store.NextReadAsync();
        _time.Advance(TimeSpan.FromSeconds(59));
        var readBeforeTheMinute = store.TryTakeRead();
        _time.Advance(TimeSpan.FromSeconds(1));
        await store.NextReadAsync();
        await monitor.StopAsync(CancellationToken.None);

        Assert.False(readBeforeTheMinute);
    }

    private async Task<StoreMemoryMonitor> MonitorRedisAsync(params string[] redisArguments)
    {
        _redis = await RedisServerProcess.StartAsync(redisArguments);
        var options = ConfigurationOptions.Parse(_redis.ConnectionString);
        options.AllowAdmin = true;
        _connection = await ConnectionMultiplexer.ConnectAsync(options);
        var store = new RedisIdempotencyStore(_connection, "memory:", TimeProvider.System, NullLogger<RedisIdempotencyStore>.Instance);
        return new StoreMemoryMonitor(store, _telemetry, _time, _loggers.CreateLogger<StoreMemoryMonitor>());
    }

    /// <summary>Writes 64 KB values until Redis uses <paramref name="share"/> of its maxmemory.</summary>
    private async Task FillRedisAsync(double share)
    {
        var server = _connection!.GetServer(_redis!.Endpoint);
        for (var i = 0; await UsedMemoryAsync(server) < share * MaxMemory; i++)
        {
            await _connection.GetDatabase().StringSetAsync($"filler:{i}", new byte[64 * 1024]);
        }
    }

    private static async Task<long> UsedMemoryAsync(IServer server) =>
        long.Parse((await server.InfoAsync("memory")).SelectMany(section => section).Single(field => field.Key == "used_memory").Value, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>What the named gauge of this test's meter reports now, as (node, value).</summary>
    private List<(string Node, long Value)> Gauge(string name)
    {
        var factory = _metrics.GetRequiredService<IMeterFactory>();
        var measurements = new List<(string, long)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, meterListener) =>
        {
            if (instrument.Meter.Scope == factory && instrument.Name == name)
            {
                meterListener.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            measurements.Add(((string)tags.ToArray().Single(tag => tag.Key == "node").Value!, value)));
        listener.Start();
        listener.RecordObservableInstruments();
        return measurements;
    }

    /// <summary>A store whose every memory read is announced, so a test can wait for the monitor's next one.</summary>
    private sealed class SignallingStoreMemory : IStoreMemory
    {
        private static readonly TimeSpan SignalTimeout = TimeSpan.FromSeconds(10);

        private readonly Channel<bool> _reads = Channel.CreateUnbounded<bool>();

        public ValueTask<IReadOnlyList<StoreMemoryReading>> ReadMemoryAsync(CancellationToken cancellationToken)
        {
            _reads.Writer.TryWrite(true);
            return ValueTask.FromResult<IReadOnlyList<StoreMemoryReading>>([new StoreMemoryReading("test", 1, 100)]);
        }

        public async Task NextReadAsync() => await _reads.Reader.ReadAsync().AsTask().WaitAsync(SignalTimeout);

        /// <summary>Takes a read not yet waited for, if there is one.</summary>
        public bool TryTakeRead() => _reads.Reader.TryRead(out _);
    }
}
