using WhetGateway.Storage;
using WhetGateway.Tests.Infrastructure;

namespace WhetGateway.Tests.Storage;

/// <summary>
/// A Redis that is full (over <c>maxmemory</c>, with <c>noeviction</c>, as the gateway requires) refuses every command
/// that may write. A replay's begin is such a command (<c>SET … NX GET</c>), yet it writes nothing when the key is
/// recorded: a full store must still replay what it holds, and refuse only what it would have to store.
/// </summary>
public sealed class RedisFullStoreTests : IAsyncLifetime
{
    private static readonly Fingerprint Fingerprint = StoreTestData.FingerprintOf(7);

    private PrivateRedisStore _redis = null!;

    public async Task InitializeAsync() => _redis = await PrivateRedisStore.StartAsync();

    public Task DisposeAsync() => _redis.DisposeAsync().AsTask();

    /// <param name="atMostOnce">Whether the key's policy is at-most-once, whose begin is a script that remembers a lapsed claim.</param>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_full_Redis_still_replays_a_recorded_key(bool atMostOnce)
    {
        var id = StoreTestData.NewId();
        var record = StoreTestData.Record(Fingerprint, "recorded before the store filled up");
        TimeSpan? rememberLapsedFor = atMostOnce ? StoreTestData.RecordTtl : null;
        var claim = (await _redis.Store.BeginAsync(id, Fingerprint, StoreTestData.LongLease, rememberLapsedFor, CancellationToken.None)).Claim!;
        Assert.True(await _redis.Store.CompleteAsync(claim, record, StoreTestData.RecordTtl, CancellationToken.None));
        await FillAsync();

        var replay = await _redis.Store.BeginAsync(id, Fingerprint, StoreTestData.LongLease, rememberLapsedFor, CancellationToken.None);

        RecordAssert.Equal(record, replay.Record);
    }

    [Fact]
    public async Task A_full_Redis_still_shows_a_key_in_flight_to_its_duplicate()
    {
        var id = StoreTestData.NewId();
        await _redis.Store.BeginAsync(id, Fingerprint, StoreTestData.LongLease, rememberLapsedFor: null, CancellationToken.None);
        await FillAsync();

        var duplicate = await _redis.Store.BeginAsync(id, Fingerprint, StoreTestData.LongLease, rememberLapsedFor: null, CancellationToken.None);

        Assert.Equal(BeginOutcome.InFlight, duplicate.Outcome);
    }

    [Fact]
    public async Task A_full_Redis_answers_a_new_key_as_unavailable()
    {
        await FillAsync();

        await Assert.ThrowsAsync<StoreUnavailableException>(async () =>
            await _redis.Store.BeginAsync(StoreTestData.NewId(), Fingerprint, StoreTestData.LongLease, rememberLapsedFor: null, CancellationToken.None));
    }

    /// <summary>Any memory in use is over a limit of one byte.</summary>
    private async Task FillAsync()
    {
        await _redis.Server.ConfigSetAsync("maxmemory-policy", "noeviction");
        await _redis.Server.ConfigSetAsync("maxmemory", "1");
    }
}
