using WhetGateway.Storage;

namespace WhetGateway.Tests.Storage;

/// <summary>
/// The behaviour every <see cref="IIdempotencyStore"/> must share, run once per implementation. Expiry tests use a
/// short lease and wait well past it; nothing asserts on how long a call took.
/// </summary>
public abstract class IdempotencyStoreContract : IAsyncLifetime
{
    private static readonly TimeSpan LongLease = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ShortLease = TimeSpan.FromMilliseconds(300);
    private static readonly TimeSpan WellPastShortLease = TimeSpan.FromMilliseconds(1200);
    private static readonly TimeSpan RecordTtl = TimeSpan.FromHours(1);
    private static readonly TimeSpan SignalTimeout = TimeSpan.FromSeconds(10);

    private static readonly Fingerprint First = StoreTestData.FingerprintOf(100);
    private static readonly Fingerprint Second = StoreTestData.FingerprintOf(200);

    private IIdempotencyStore? _store;
    private Func<ValueTask>? _cleanup;

    private IIdempotencyStore Store => _store ?? throw new InvalidOperationException("The store is created in InitializeAsync.");

    public async Task InitializeAsync() => (_store, _cleanup) = await CreateStoreAsync();

    public async Task DisposeAsync()
    {
        if (_cleanup is not null)
        {
            await _cleanup();
        }
    }

    [Fact]
    public async Task Begin_on_a_fresh_key_claims_it()
    {
        var id = StoreTestData.NewId();

        var result = await Store.BeginAsync(id, First, LongLease, CancellationToken.None);

        Assert.Equal(BeginOutcome.Claimed, result.Outcome);
        Assert.Equal(id, result.Claim.Id);
        Assert.Equal(First, result.Claim.Fingerprint);
        Assert.NotEqual(Guid.Empty, result.Claim.Token);
    }

    [Fact]
    public async Task Begin_while_claimed_reports_in_flight_with_the_holders_fingerprint_and_remaining_lease()
    {
        var id = StoreTestData.NewId();
        await ClaimAsync(id, First, LongLease);

        var result = await Store.BeginAsync(id, Second, LongLease, CancellationToken.None);

        Assert.Equal(BeginOutcome.InFlight, result.Outcome);
        Assert.Equal(First, result.HolderFingerprint);
        Assert.InRange(result.LeaseRemaining, TimeSpan.FromTicks(1), LongLease);
    }

    [Fact]
    public async Task Complete_stores_the_record_and_a_later_begin_returns_it_intact()
    {
        var id = StoreTestData.NewId();
        var claim = await ClaimAsync(id, First, LongLease);
        var record = StoreTestData.Record(First, RecordKind.Response, [0, 1, 2, 0xFE, 0xFF, (byte)'{']);

        var completed = await Store.CompleteAsync(claim, record, RecordTtl, CancellationToken.None);
        var result = await Store.BeginAsync(id, Second, LongLease, CancellationToken.None);

        Assert.True(completed);
        Assert.Equal(BeginOutcome.Completed, result.Outcome);
        RecordAssert.Equal(record, result.Record);
    }

    [Fact]
    public async Task Complete_by_a_stale_token_after_another_attempt_took_over_returns_false_and_keeps_the_newer_claim()
    {
        var id = StoreTestData.NewId();
        var (stale, _) = await ClaimLapsedThenTakenOverAsync(id);

        var completed = await Store.CompleteAsync(stale, StoreTestData.Record(First, "stale"), RecordTtl, CancellationToken.None);

        Assert.False(completed);
        await AssertInFlightAsync(id, Second);
    }

    [Fact]
    public async Task Complete_after_the_lease_lapsed_with_nobody_taking_over_stores_the_record()
    {
        var id = StoreTestData.NewId();
        var claim = await ClaimAsync(id, First, ShortLease);
        await Task.Delay(WellPastShortLease);
        var record = StoreTestData.Record(First, "late but real");

        var completed = await Store.CompleteAsync(claim, record, RecordTtl, CancellationToken.None);
        var result = await Store.BeginAsync(id, First, LongLease, CancellationToken.None);

        Assert.True(completed);
        Assert.Equal(BeginOutcome.Completed, result.Outcome);
        RecordAssert.Equal(record, result.Record);
    }

    [Fact]
    public async Task Release_lets_the_next_begin_claim()
    {
        var id = StoreTestData.NewId();
        var released = await ClaimAsync(id, First, LongLease);

        await Store.ReleaseAsync(released, CancellationToken.None);
        var next = await ClaimAsync(id, Second, LongLease);

        Assert.NotEqual(released.Token, next.Token);
    }

    [Fact]
    public async Task Release_by_a_stale_token_leaves_the_current_claim()
    {
        var id = StoreTestData.NewId();
        var (stale, _) = await ClaimLapsedThenTakenOverAsync(id);

        await Store.ReleaseAsync(stale, CancellationToken.None);

        await AssertInFlightAsync(id, Second);
    }

    [Fact]
    public async Task A_lapsed_lease_lets_another_attempt_claim()
    {
        var id = StoreTestData.NewId();
        var lapsed = await ClaimAsync(id, First, ShortLease);
        await Task.Delay(WellPastShortLease);

        var takeover = await ClaimAsync(id, Second, LongLease);

        Assert.NotEqual(lapsed.Token, takeover.Token);
        Assert.Equal(Second, takeover.Fingerprint);
    }

    [Fact]
    public async Task Renew_extends_the_lease_beyond_its_original_expiry()
    {
        var id = StoreTestData.NewId();
        var originalLease = TimeSpan.FromSeconds(1);
        var claim = await ClaimAsync(id, First, originalLease);

        var renewed = await Store.RenewAsync(claim, LongLease, CancellationToken.None);
        await Task.Delay(originalLease * 3);

        Assert.True(renewed);
        await AssertInFlightAsync(id, First);
    }

    [Fact]
    public async Task Renew_by_a_stale_token_returns_false()
    {
        var id = StoreTestData.NewId();
        var (stale, _) = await ClaimLapsedThenTakenOverAsync(id);

        var renewed = await Store.RenewAsync(stale, LongLease, CancellationToken.None);

        Assert.False(renewed);
        await AssertInFlightAsync(id, Second);
    }

    [Fact]
    public async Task A_watch_taken_before_begin_completes_when_the_holder_completes()
    {
        var id = StoreTestData.NewId();
        using var watch = Store.Watch(id);
        var claim = await ClaimAsync(id, First, LongLease);
        Assert.False(watch.Changed.IsCompleted);

        await Store.CompleteAsync(claim, StoreTestData.Record(First, "done"), RecordTtl, CancellationToken.None);

        await watch.Changed.WaitAsync(SignalTimeout);
    }

    [Fact]
    public async Task A_watch_taken_before_begin_completes_when_the_holder_releases()
    {
        var id = StoreTestData.NewId();
        using var watch = Store.Watch(id);
        var claim = await ClaimAsync(id, First, LongLease);
        Assert.False(watch.Changed.IsCompleted);

        await Store.ReleaseAsync(claim, CancellationToken.None);

        await watch.Changed.WaitAsync(SignalTimeout);
    }

    [Fact]
    public async Task Complete_on_a_key_that_already_has_a_record_returns_false_and_keeps_the_first_record()
    {
        var id = StoreTestData.NewId();
        var claim = await ClaimAsync(id, First, LongLease);
        var first = StoreTestData.Record(First, "first");
        await Store.CompleteAsync(claim, first, RecordTtl, CancellationToken.None);

        var again = await Store.CompleteAsync(claim, StoreTestData.Record(First, "second"), RecordTtl, CancellationToken.None);
        var result = await Store.BeginAsync(id, First, LongLease, CancellationToken.None);

        Assert.False(again);
        RecordAssert.Equal(first, result.Record);
    }

    [Fact]
    public async Task Distinct_record_ids_are_independent()
    {
        var claimedId = StoreTestData.NewId();
        var otherId = StoreTestData.NewId();
        await ClaimAsync(claimedId, First, LongLease);

        var other = await ClaimAsync(otherId, Second, LongLease);
        await Store.CompleteAsync(other, StoreTestData.Record(Second, "other"), RecordTtl, CancellationToken.None);

        await AssertInFlightAsync(claimedId, First);
    }

    /// <summary>Creates the store under test, once per test, with what disposes it and whatever it was built on.</summary>
    private protected abstract Task<(IIdempotencyStore Store, Func<ValueTask> Cleanup)> CreateStoreAsync();

    [Fact]
    public async Task Evicting_a_resource_tombstones_every_record_tied_to_it()
    {
        var resource = NewResourcePath();
        var (first, second) = (StoreTestData.NewId(), StoreTestData.NewId());
        await CompleteTiedAsync(first, resource);
        await CompleteTiedAsync(second, resource);

        var tombstoned = await Store.EvictResourceAsync(resource, DateTimeOffset.UtcNow, RecordTtl, CancellationToken.None);

        Assert.Equal(2, tombstoned);
        Assert.Equal(RecordKind.Tombstone, (await Store.BeginAsync(first, First, LongLease, CancellationToken.None)).Record?.Kind);
        Assert.Equal(RecordKind.Tombstone, (await Store.BeginAsync(second, First, LongLease, CancellationToken.None)).Record?.Kind);
    }

    [Fact]
    public async Task Evicting_a_resource_leaves_records_tied_to_other_resources()
    {
        var id = StoreTestData.NewId();
        await CompleteTiedAsync(id, NewResourcePath());

        await Store.EvictResourceAsync(NewResourcePath(), DateTimeOffset.UtcNow, RecordTtl, CancellationToken.None);

        Assert.Equal(RecordKind.Response, (await Store.BeginAsync(id, First, LongLease, CancellationToken.None)).Record?.Kind);
    }

    [Fact]
    public async Task Evicting_the_same_resource_twice_is_harmless()
    {
        var resource = NewResourcePath();
        var id = StoreTestData.NewId();
        await CompleteTiedAsync(id, resource);

        await Store.EvictResourceAsync(resource, DateTimeOffset.UtcNow, RecordTtl, CancellationToken.None);
        var again = await Store.EvictResourceAsync(resource, DateTimeOffset.UtcNow, RecordTtl, CancellationToken.None);

        Assert.Equal(0, again);
        Assert.Equal(RecordKind.Tombstone, (await Store.BeginAsync(id, First, LongLease, CancellationToken.None)).Record?.Kind);
    }

    [Fact]
    public async Task A_tie_made_after_the_resource_was_deleted_since_the_claim_began_is_refused()
    {
        var resource = NewResourcePath();
        var claimedAt = DateTimeOffset.UtcNow;
        await Store.EvictResourceAsync(resource, claimedAt.AddMilliseconds(5), RecordTtl, CancellationToken.None);

        var tied = await Store.TieAsync(StoreTestData.NewId(), new ResourceTie(resource, claimedAt, null, RecordTtl), CancellationToken.None);

        Assert.False(tied);
    }

    [Fact]
    public async Task A_tie_to_a_path_deleted_before_the_claim_began_is_accepted_as_a_new_resource()
    {
        var resource = NewResourcePath();
        var deletedAt = DateTimeOffset.UtcNow;
        await Store.EvictResourceAsync(resource, deletedAt, RecordTtl, CancellationToken.None);

        var tied = await Store.TieAsync(StoreTestData.NewId(), new ResourceTie(resource, deletedAt.AddMilliseconds(5), null, RecordTtl), CancellationToken.None);

        Assert.True(tied);
    }

    [Fact]
    public async Task A_claim_tied_but_not_yet_completed_when_its_resource_is_deleted_cannot_complete()
    {
        var resource = NewResourcePath();
        var id = StoreTestData.NewId();
        var claim = await ClaimAsync(id, First, LongLease);
        await Store.TieAsync(id, new ResourceTie(resource, DateTimeOffset.UtcNow, null, RecordTtl), CancellationToken.None);

        await Store.EvictResourceAsync(resource, DateTimeOffset.UtcNow, RecordTtl, CancellationToken.None);
        var completed = await Store.CompleteAsync(claim, StoreTestData.Record(First, "late"), null, CancellationToken.None);

        Assert.False(completed);
        Assert.Equal(RecordKind.Tombstone, (await Store.BeginAsync(id, First, LongLease, CancellationToken.None)).Record?.Kind);
    }

    [Fact]
    public async Task A_tombstone_expires_after_its_ttl()
    {
        var resource = NewResourcePath();
        var id = StoreTestData.NewId();
        var claim = await ClaimAsync(id, First, LongLease);
        await Store.TieAsync(id, new ResourceTie(resource, DateTimeOffset.UtcNow, null, ShortLease), CancellationToken.None);
        await Store.CompleteAsync(claim, StoreTestData.Record(First, "body"), null, CancellationToken.None);

        await Store.EvictResourceAsync(resource, DateTimeOffset.UtcNow, RecordTtl, CancellationToken.None);
        await Task.Delay(WellPastShortLease);

        Assert.Equal(BeginOutcome.Claimed, (await Store.BeginAsync(id, First, LongLease, CancellationToken.None)).Outcome);
    }

    [Fact]
    public async Task Inspect_tells_a_claim_in_flight_from_a_record_and_from_nothing()
    {
        var (claimed, completed) = (StoreTestData.NewId(), StoreTestData.NewId());
        await ClaimAsync(claimed, First, LongLease);
        var claim = await ClaimAsync(completed, First, LongLease);
        await Store.CompleteAsync(claim, StoreTestData.Record(First, "done"), RecordTtl, CancellationToken.None);

        var inFlight = await Store.InspectAsync(claimed, CancellationToken.None);
        var record = await Store.InspectAsync(completed, CancellationToken.None);
        var nothing = await Store.InspectAsync(StoreTestData.NewId(), CancellationToken.None);

        Assert.Equal("in_flight", inFlight?.State);
        Assert.Equal("completed", record?.State);
        Assert.Equal(201, record?.StatusCode);
        Assert.InRange(record!.ExpiresIn!.Value, TimeSpan.FromTicks(1), RecordTtl);
        Assert.Null(nothing);
    }

    [Fact]
    public async Task Delete_forgets_a_record_so_the_next_begin_claims()
    {
        var id = StoreTestData.NewId();
        var claim = await ClaimAsync(id, First, LongLease);
        await Store.CompleteAsync(claim, StoreTestData.Record(First, "done"), RecordTtl, CancellationToken.None);

        var deleted = await Store.DeleteAsync(id, CancellationToken.None);
        var again = await Store.DeleteAsync(id, CancellationToken.None);

        Assert.True(deleted);
        Assert.False(again);
        Assert.Equal(BeginOutcome.Claimed, (await Store.BeginAsync(id, First, LongLease, CancellationToken.None)).Outcome);
    }

    private static string NewResourcePath() => $"/pipelines/pl_{Guid.NewGuid():N}";

    /// <summary>Claims, ties (before completing, as the gateway does) and completes a record that lives until deleted.</summary>
    private async Task CompleteTiedAsync(RecordId id, string resource)
    {
        var claim = await ClaimAsync(id, First, LongLease);
        Assert.True(await Store.TieAsync(id, new ResourceTie(resource, DateTimeOffset.UtcNow, null, RecordTtl), CancellationToken.None));
        Assert.True(await Store.CompleteAsync(claim, StoreTestData.Record(First, "created"), null, CancellationToken.None));
    }

    private async Task<Claim> ClaimAsync(RecordId id, Fingerprint fingerprint, TimeSpan lease)
    {
        var result = await Store.BeginAsync(id, fingerprint, lease, CancellationToken.None);
        Assert.Equal(BeginOutcome.Claimed, result.Outcome);
        return result.Claim;
    }

    /// <summary>A claim by <see cref="First"/> whose short lease lapsed, then a live claim by <see cref="Second"/>.</summary>
    private async Task<(Claim Stale, Claim Current)> ClaimLapsedThenTakenOverAsync(RecordId id)
    {
        var stale = await ClaimAsync(id, First, ShortLease);
        await Task.Delay(WellPastShortLease);
        var current = await ClaimAsync(id, Second, LongLease);
        return (stale, current);
    }

    private async Task AssertInFlightAsync(RecordId id, Fingerprint expectedHolder)
    {
        var result = await Store.BeginAsync(id, StoreTestData.FingerprintOf(999), LongLease, CancellationToken.None);
        Assert.Equal(BeginOutcome.InFlight, result.Outcome);
        Assert.Equal(expectedHolder, result.HolderFingerprint);
    }
}
