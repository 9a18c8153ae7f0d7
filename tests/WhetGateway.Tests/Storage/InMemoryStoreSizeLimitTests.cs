using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using WhetGateway.Storage;
using WhetGateway.Storage.InMemory;
using WhetGateway.Tests.Infrastructure;

namespace WhetGateway.Tests.Storage;

/// <summary>
/// The in-memory store counts what it holds against its byte limit; at the limit it refuses new claims only, so every
/// record a retry relies on keeps replaying, and a call already running still records. Time is a fake clock.
/// </summary>
public sealed class InMemoryStoreSizeLimitTests : IDisposable
{
    private const int BodyBytes = 10_000;
    private const string HeaderName = "Content-Type";
    private const string HeaderValue = "application/json";

    private static readonly long RecordBytes = InMemoryIdempotencyStore.EntryOverheadBytes + BodyBytes
        + InMemoryIdempotencyStore.HeaderOverheadBytes + (sizeof(char) * (HeaderName.Length + HeaderValue.Length));

    private const long ClaimBytes = InMemoryIdempotencyStore.EntryOverheadBytes;

    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan RecordTtl = TimeSpan.FromHours(1);
    private static readonly Fingerprint Fingerprint = StoreTestData.FingerprintOf(7);

    private readonly FakeTimeProvider _time = new();
    private readonly ConcurrentQueue<string> _logs = new();
    private readonly ILoggerFactory _loggers;
    private readonly InMemoryIdempotencyStore _store;

    public InMemoryStoreSizeLimitTests()
    {
        _loggers = LoggerFactory.Create(logging => logging.AddProvider(new LogCapture(_logs)));

        // Room for one record and one more claim, not for a second record's claim after both.
        _store = new InMemoryIdempotencyStore(_time, RecordBytes + ClaimBytes, _loggers.CreateLogger<InMemoryIdempotencyStore>());
    }

    public void Dispose()
    {
        _store.Dispose();
        _loggers.Dispose();
    }

    [Fact]
    public async Task A_claim_counts_its_overhead_and_a_record_its_body_headers_and_overhead()
    {
        var claim = await ClaimAsync(StoreTestData.NewId());
        var claimed = await UsedBytesAsync();
        await _store.CompleteAsync(claim, Record(), RecordTtl, CancellationToken.None);

        Assert.Equal(ClaimBytes, claimed);
        Assert.Equal(RecordBytes, await UsedBytesAsync());
    }

    [Fact]
    public async Task The_store_reports_its_limit()
    {
        var reading = Assert.Single(await _store.ReadMemoryAsync(CancellationToken.None));

        Assert.Equal(InMemoryIdempotencyStore.NodeName, reading.Node);
        Assert.Equal(RecordBytes + ClaimBytes, reading.LimitBytes);
    }

    [Fact]
    public async Task At_the_limit_a_new_key_is_refused_as_store_unavailable_saying_the_store_is_full()
    {
        await RecordAsync(StoreTestData.NewId());
        await ClaimAsync(StoreTestData.NewId());

        var refused = await Assert.ThrowsAsync<StoreUnavailableException>(() => ClaimAsync(StoreTestData.NewId()));

        Assert.Contains("in-memory idempotency store is full", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Idempotency:Store:InMemory:SizeLimitBytes", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task At_the_limit_a_recorded_key_still_replays()
    {
        var recorded = StoreTestData.NewId();
        await RecordAsync(recorded);
        await ClaimAsync(StoreTestData.NewId());

        var replay = await _store.BeginAsync(recorded, Fingerprint, Lease, rememberLapsedFor: null, CancellationToken.None);

        Assert.Equal(BeginOutcome.Completed, replay.Outcome);
    }

    [Fact]
    public async Task A_claim_already_taken_completes_even_past_the_limit()
    {
        var first = await ClaimAsync(StoreTestData.NewId());
        var second = await ClaimAsync(StoreTestData.NewId());
        await _store.CompleteAsync(first, Record(), RecordTtl, CancellationToken.None);

        var completed = await _store.CompleteAsync(second, Record(), RecordTtl, CancellationToken.None);

        Assert.True(completed);
        Assert.Equal(2 * RecordBytes, await UsedBytesAsync());
        Assert.Equal(BeginOutcome.Completed, (await _store.BeginAsync(second.Id, Fingerprint, Lease, rememberLapsedFor: null, CancellationToken.None)).Outcome);
    }

    [Fact]
    public async Task At_the_limit_a_claim_is_still_renewed_and_released_and_its_release_frees_room()
    {
        await RecordAsync(StoreTestData.NewId());
        var held = await ClaimAsync(StoreTestData.NewId());

        var renewed = await _store.RenewAsync(held, Lease, CancellationToken.None);
        await _store.ReleaseAsync(held, CancellationToken.None);

        Assert.True(renewed);
        Assert.Equal(RecordBytes, await UsedBytesAsync());
        await ClaimAsync(StoreTestData.NewId());
    }

    [Fact]
    public async Task At_the_limit_deleting_a_resource_still_tombstones_its_records_and_frees_their_bodies()
    {
        var id = StoreTestData.NewId();
        var claim = await ClaimAsync(id);
        Assert.True(await _store.TieAsync(id, new ResourceTie("/pipelines/pl_1", "credential:a", TimeSpan.Zero, RecordTtl, RecordTtl), CancellationToken.None));
        await _store.CompleteAsync(claim, Record(), RecordTtl, CancellationToken.None);
        await ClaimAsync(StoreTestData.NewId());

        var evicted = await _store.EvictResourceAsync(new ResourceEviction("/pipelines/pl_1", "credential:a", RecordTtl), CancellationToken.None);

        Assert.Equal(1, evicted);
        Assert.Equal(RecordKind.Tombstone, (await _store.BeginAsync(id, Fingerprint, Lease, rememberLapsedFor: null, CancellationToken.None)).Record?.Kind);
        Assert.Equal(2 * ClaimBytes, await UsedBytesAsync());
    }

    [Fact]
    public async Task Expired_records_free_their_bytes_at_the_next_sweep_and_new_keys_are_taken_again()
    {
        await RecordAsync(StoreTestData.NewId());
        await ClaimAsync(StoreTestData.NewId());

        _time.Advance(RecordTtl + TimeSpan.FromMinutes(1));

        Assert.Equal(0, await UsedBytesAsync());
        await ClaimAsync(StoreTestData.NewId());
    }

    [Fact]
    public async Task An_expired_record_met_by_a_begin_frees_its_bytes_before_the_sweep()
    {
        var id = StoreTestData.NewId();
        await RecordAsync(id, TimeSpan.FromSeconds(10));
        _time.Advance(TimeSpan.FromSeconds(11));

        await ClaimAsync(id);

        Assert.Equal(ClaimBytes, await UsedBytesAsync());
    }

    [Fact]
    public async Task Forgetting_a_key_frees_its_bytes()
    {
        var id = StoreTestData.NewId();
        await RecordAsync(id);

        await _store.DeleteAsync(id, CancellationToken.None);

        Assert.Equal(0, await UsedBytesAsync());
    }

    [Fact]
    public async Task Reaching_the_limit_is_logged_once_then_at_most_once_a_minute_while_new_keys_are_refused()
    {
        await RecordAsync(StoreTestData.NewId());
        await ClaimAsync(StoreTestData.NewId());

        await RefuseNewKeysAsync(3);
        var atFirst = FullWarnings();
        _time.Advance(TimeSpan.FromSeconds(30));
        await RefuseNewKeysAsync(1);
        var withinTheMinute = FullWarnings();
        _time.Advance(TimeSpan.FromSeconds(30));
        await RefuseNewKeysAsync(1);

        Assert.Equal(1, atFirst);
        Assert.Equal(1, withinTheMinute);
        Assert.Equal(2, FullWarnings());
    }

    [Fact]
    public async Task A_recorded_body_is_kept_in_a_buffer_of_its_own_size_not_in_the_larger_one_it_was_recorded_into()
    {
        var id = StoreTestData.NewId();
        var claim = await ClaimAsync(id);
        var recorder = new byte[4 * BodyBytes];

        await _store.CompleteAsync(claim, Record() with { Body = recorder.AsMemory(0, BodyBytes) }, RecordTtl, CancellationToken.None);

        var kept = (await _store.BeginAsync(id, Fingerprint, Lease, rememberLapsedFor: null, CancellationToken.None)).Record!.Body;
        Assert.True(MemoryMarshal.TryGetArray(kept, out var buffer));
        Assert.Equal(BodyBytes, buffer.Array!.Length);
    }

    private static IdempotencyRecord Record() => new()
    {
        Kind = RecordKind.Response,
        Fingerprint = Fingerprint,
        CreatedAt = DateTimeOffset.UnixEpoch,
        StatusCode = 201,
        Headers = [new StoredHeader(HeaderName, [HeaderValue])],
        Body = new byte[BodyBytes],
        OriginalBodyLength = BodyBytes,
    };

    private async Task<Claim> ClaimAsync(RecordId id)
    {
        var begin = await _store.BeginAsync(id, Fingerprint, Lease, rememberLapsedFor: null, CancellationToken.None);
        Assert.Equal(BeginOutcome.Claimed, begin.Outcome);
        return begin.Claim;
    }

    private async Task RecordAsync(RecordId id, TimeSpan? timeToLive = null)
    {
        var claim = await ClaimAsync(id);
        Assert.True(await _store.CompleteAsync(claim, Record(), timeToLive ?? RecordTtl, CancellationToken.None));
    }

    private async Task<long> UsedBytesAsync() => Assert.Single(await _store.ReadMemoryAsync(CancellationToken.None)).UsedBytes;

    private async Task RefuseNewKeysAsync(int count)
    {
        for (var i = 0; i < count; i++)
        {
            await Assert.ThrowsAsync<StoreUnavailableException>(() => ClaimAsync(StoreTestData.NewId()));
        }
    }

    private int FullWarnings() => _logs.Count(entry => entry.Contains("Warning The in-memory idempotency store is full", StringComparison.Ordinal));
}
