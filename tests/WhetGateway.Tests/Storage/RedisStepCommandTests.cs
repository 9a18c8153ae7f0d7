using WhetGateway.Storage;
using WhetGateway.Storage.Redis;
using WhetGateway.Tests.Infrastructure;

namespace WhetGateway.Tests.Storage;

/// <summary>
/// The commands each step of the Redis store sends, as Redis logged them on a Redis of its own: a replay is one plain
/// command that writes nothing, a first use one plain command and one script, records written by the version that
/// kept claims in a key of their own still replay, and outcome_unknown values and at-most-once markers written before
/// outcome_unknown named its lapsed claim still read.
/// </summary>
public sealed class RedisStepCommandTests : IAsyncLifetime
{
    private static readonly Fingerprint Fingerprint = StoreTestData.FingerprintOf(1);

    private PrivateRedisStore _redis = null!;
    private RedisIdempotencyStore _store = null!;
    private RedisCommandLog _log = null!;

    public async Task InitializeAsync()
    {
        _redis = await PrivateRedisStore.StartAsync();
        _store = _redis.Store;
        _log = await RedisCommandLog.StartAsync(_redis.Server);

        // A script's first call sends its text (EVAL); from then on the connection sends only its digest (EVALSHA).
        await FirstUseAsync(StoreTestData.NewId(), StoreTestData.Record(Fingerprint, "warm-up"));
        await _log.ClearAsync();
    }

    public Task DisposeAsync() => _redis.DisposeAsync().AsTask();

    [Fact]
    public async Task A_first_use_sends_one_set_and_one_script()
    {
        await FirstUseAsync(StoreTestData.NewId(), StoreTestData.Record(Fingerprint, "done"));

        Assert.Equal(["set", "evalsha"], (await _log.ReadAsync()).Select(command => command.Name));
    }

    [Fact]
    public async Task A_first_use_nobody_waits_for_runs_one_get_and_one_set_in_its_script_and_looks_at_no_other_key()
    {
        var before = await RedisCommandStats.ReadAsync(_redis.Server);

        await FirstUseAsync(StoreTestData.NewId(), StoreTestData.Record(Fingerprint, "done"));

        // The begin's SET, then the completion's script, which reads the claim and writes the record in its place.
        var ran = (await RedisCommandStats.ReadAsync(_redis.Server)).Since(before);
        Assert.Equal((1L, 1L, 2L), (ran.Calls("evalsha"), ran.Calls("get"), ran.Calls("set")));
        Assert.Equal(0, ran.Calls("del", "exists", "spublish", "pttl", "pexpire"));
    }

    [Fact]
    public async Task A_replay_sends_one_set_that_finds_the_record_and_writes_nothing()
    {
        var id = StoreTestData.NewId();
        var record = StoreTestData.Record(Fingerprint, "done");
        await FirstUseAsync(id, record);
        var writesBefore = await WritesAsync();
        await _log.ClearAsync();

        var replay = await _store.BeginAsync(id, Fingerprint, StoreTestData.LongLease, rememberLapsedFor: null, CancellationToken.None);

        Assert.Equal(["set"], (await _log.ReadAsync()).Select(command => command.Name));
        Assert.Equal(writesBefore, await WritesAsync());
        RecordAssert.Equal(record, replay.Record);
    }

    [Fact]
    public async Task A_record_written_by_the_previous_version_replays()
    {
        var id = StoreTestData.NewId();
        var record = StoreTestData.Record(Fingerprint, "written before the upgrade");
        await _redis.Connection.GetDatabase().StringSetAsync(RecordKey(id), RecordFormatter.Serialize(record), StoreTestData.RecordTtl);

        var replay = await _store.BeginAsync(id, Fingerprint, StoreTestData.LongLease, rememberLapsedFor: null, CancellationToken.None);

        Assert.Equal(BeginOutcome.Completed, replay.Outcome);
        RecordAssert.Equal(record, replay.Record);
    }

    [Fact]
    public async Task An_outcome_unknown_written_before_it_named_its_lapsed_claim_still_reads_with_its_time()
    {
        var id = StoreTestData.NewId();
        var since = DateTimeOffset.FromUnixTimeMilliseconds(1_780_000_000_000);
        await _redis.Connection.GetDatabase().StringSetAsync(RecordKey(id), $"u{since.ToUnixTimeMilliseconds()}", StoreTestData.RecordTtl);

        var retry = await _store.BeginAsync(id, Fingerprint, StoreTestData.LongLease, StoreTestData.RecordTtl, CancellationToken.None);

        Assert.Equal((RecordKind.OutcomeUnknown, since), (retry.Record?.Kind, retry.Record?.CreatedAt));
    }

    [Fact]
    public async Task A_lapsed_at_most_once_marker_written_before_it_held_its_claim_still_answers_outcome_unknown_stamped_now()
    {
        var id = StoreTestData.NewId();
        var before = DateTimeOffset.UtcNow;
        await _redis.Connection.GetDatabase().StringSetAsync($"{PrivateRedisStore.KeyPrefix}{{{id.Value}}}:amo", 1, StoreTestData.RecordTtl);

        var retry = await _store.BeginAsync(id, Fingerprint, StoreTestData.LongLease, StoreTestData.RecordTtl, CancellationToken.None);
        var later = await _store.BeginAsync(id, Fingerprint, StoreTestData.LongLease, StoreTestData.RecordTtl, CancellationToken.None);

        Assert.Equal((RecordKind.OutcomeUnknown, RecordKind.OutcomeUnknown), (retry.Record?.Kind, later.Record?.Kind));
        Assert.InRange(later.Record!.CreatedAt, before - TimeSpan.FromHours(1), DateTimeOffset.UtcNow + TimeSpan.FromHours(1));
    }

    private static string RecordKey(RecordId id) => $"{PrivateRedisStore.KeyPrefix}{{{id.Value}}}:rec";

    private async Task FirstUseAsync(RecordId id, IdempotencyRecord record)
    {
        var begin = await _store.BeginAsync(id, Fingerprint, StoreTestData.LongLease, rememberLapsedFor: null, CancellationToken.None);
        await _store.CompleteAsync(begin.Claim, record, StoreTestData.RecordTtl, CancellationToken.None);
    }

    /// <summary>How many changes Redis has made to its data since it started.</summary>
    private async Task<long> WritesAsync()
    {
        var info = await _redis.Server.InfoAsync("persistence");
        return long.Parse(info.SelectMany(group => group).Single(pair => pair.Key == "rdb_changes_since_last_save").Value, System.Globalization.CultureInfo.InvariantCulture);
    }
}
