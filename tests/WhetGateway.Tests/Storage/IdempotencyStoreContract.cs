using WhetGateway.Storage;

namespace WhetGateway.Tests.Storage;

/// <summary>
/// The behaviour every store must share, run once per implementation: the request path
/// (<see cref="IIdempotencyStore"/>) and the operator's calls (<see cref="IIdempotencyStoreAdministration"/>) on the
/// same records. Expiry tests use a short lease and let time pass well beyond it (<see cref="PassAsync"/>); nothing
/// asserts on how long a call took.
/// </summary>
public abstract class IdempotencyStoreContract : IAsyncLifetime
{
    private static readonly TimeSpan LongLease = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan MidLease = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan ShortLease = TimeSpan.FromMilliseconds(300);
    private static readonly TimeSpan WellPastShortLease = TimeSpan.FromMilliseconds(1200);
    private static readonly TimeSpan RecordTtl = TimeSpan.FromHours(1);
    private static readonly TimeSpan SignalTimeout = TimeSpan.FromSeconds(10);

    private const string ScopeA = "credential:a";
    private const string ScopeB = "credential:b";

    private static readonly Fingerprint First = StoreTestData.FingerprintOf(100);
    private static readonly Fingerprint Second = StoreTestData.FingerprintOf(200);

    private IIdempotencyStore? _store;
    private IIdempotencyStoreAdministration? _administration;
    private Func<ValueTask>? _cleanup;

    private IIdempotencyStore Store => _store ?? throw new InvalidOperationException("The store is created in InitializeAsync.");

    private IIdempotencyStoreAdministration Administration => _administration ?? throw new InvalidOperationException("The store is created in InitializeAsync.");

    public async Task InitializeAsync() => (_store, _administration, _cleanup) = await CreateStoreAsync();

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

        var result = await Store.BeginAsync(id, First, LongLease, rememberLapsedFor: null, CancellationToken.None);

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

        var result = await Store.BeginAsync(id, Second, LongLease, rememberLapsedFor: null, CancellationToken.None);

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
        var result = await Store.BeginAsync(id, Second, LongLease, rememberLapsedFor: null, CancellationToken.None);

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
        await PassAsync(WellPastShortLease);
        var record = StoreTestData.Record(First, "late but real");

        var completed = await Store.CompleteAsync(claim, record, RecordTtl, CancellationToken.None);
        var result = await Store.BeginAsync(id, First, LongLease, rememberLapsedFor: null, CancellationToken.None);

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
        await PassAsync(WellPastShortLease);

        var takeover = await ClaimAsync(id, Second, LongLease);

        Assert.NotEqual(lapsed.Token, takeover.Token);
        Assert.Equal(Second, takeover.Fingerprint);
    }

    [Fact]
    public async Task Renew_extends_the_lease_beyond_its_original_expiry()
    {
        var id = StoreTestData.NewId();
        var claim = await ClaimAsync(id, First, MidLease);

        var renewed = await Store.RenewAsync(claim, LongLease, CancellationToken.None);
        var state = await Administration.InspectAsync(id, CancellationToken.None);

        Assert.True(renewed);
        Assert.Equal("in_flight", state?.State);
        Assert.InRange(state!.ExpiresIn!.Value, MidLease + TimeSpan.FromTicks(1), LongLease);
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
    public async Task A_watch_on_a_claim_in_flight_completes_when_the_holder_completes()
    {
        var id = StoreTestData.NewId();
        var claim = await ClaimAsync(id, First, LongLease);
        using var watch = Store.Watch(id);
        Assert.False(watch.Changed.IsCompleted);

        var completed = await Store.CompleteAsync(claim, StoreTestData.Record(First, "done"), RecordTtl, CancellationToken.None);

        Assert.True(completed);
        await watch.Changed.WaitAsync(SignalTimeout);
    }

    [Fact]
    public async Task A_watch_on_a_claim_in_flight_completes_when_the_holder_releases()
    {
        var id = StoreTestData.NewId();
        var claim = await ClaimAsync(id, First, LongLease);
        using var watch = Store.Watch(id);
        Assert.False(watch.Changed.IsCompleted);

        await Store.ReleaseAsync(claim, CancellationToken.None);

        await watch.Changed.WaitAsync(SignalTimeout);
    }

    [Fact]
    public async Task A_watch_taken_after_the_claim_ended_completes_without_another_change()
    {
        var id = StoreTestData.NewId();
        var claim = await ClaimAsync(id, First, LongLease);
        await CompleteAsync(claim, StoreTestData.Record(First, "done"));

        using var watch = Store.Watch(id);

        await watch.Changed.WaitAsync(SignalTimeout);
    }

    [Fact]
    public async Task A_watch_on_a_claim_in_flight_completes_when_its_lease_lapses()
    {
        var id = StoreTestData.NewId();
        await ClaimAsync(id, First, ShortLease);
        using var watch = Store.Watch(id);

        await PassAsync(WellPastShortLease);

        await watch.Changed.WaitAsync(SignalTimeout);
    }

    [Fact]
    public async Task Complete_on_a_key_that_already_has_a_record_returns_false_and_keeps_the_first_record()
    {
        var id = StoreTestData.NewId();
        var claim = await ClaimAsync(id, First, LongLease);
        var first = StoreTestData.Record(First, "first");
        await CompleteAsync(claim, first);

        var again = await Store.CompleteAsync(claim, StoreTestData.Record(First, "second"), RecordTtl, CancellationToken.None);
        var result = await Store.BeginAsync(id, First, LongLease, rememberLapsedFor: null, CancellationToken.None);

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
        await CompleteAsync(other, StoreTestData.Record(Second, "other"));

        await AssertInFlightAsync(claimedId, First);
    }

    /// <summary>
    /// Creates the store under test, once per test: the one instance as the request path and as operators use it,
    /// with what disposes it and whatever it was built on.
    /// </summary>
    private protected abstract Task<(IIdempotencyStore Store, IIdempotencyStoreAdministration Administration, Func<ValueTask> Cleanup)> CreateStoreAsync();

    /// <summary>
    /// Lets <paramref name="time"/> pass on the store's clock: by default by waiting, as Redis keeps its own clock;
    /// a store on an injected clock moves that instead.
    /// </summary>
    private protected virtual Task PassAsync(TimeSpan time) => Task.Delay(time);

    [Fact]
    public async Task Evicting_a_resource_in_a_scope_tombstones_every_record_of_that_scope_tied_to_it()
    {
        var resource = NewResourcePath();
        var (first, second) = (StoreTestData.NewId(), StoreTestData.NewId());
        await CompleteTiedAsync(first, resource, ScopeA);
        await CompleteTiedAsync(second, resource, ScopeA);

        var tombstoned = await Store.EvictResourceAsync(Eviction(resource, ScopeA), CancellationToken.None);

        Assert.Equal(2, tombstoned);
        await AssertRecordKindAsync(RecordKind.Tombstone, first);
        await AssertRecordKindAsync(RecordKind.Tombstone, second);
    }

    [Fact]
    public async Task Evicting_a_resource_in_one_scope_leaves_another_scopes_records_tied_to_it()
    {
        var resource = NewResourcePath();
        var (mine, theirs) = (StoreTestData.NewId(), StoreTestData.NewId());
        await CompleteTiedAsync(mine, resource, ScopeA);
        await CompleteTiedAsync(theirs, resource, ScopeB);

        var tombstoned = await Store.EvictResourceAsync(Eviction(resource, ScopeB), CancellationToken.None);

        Assert.Equal(1, tombstoned);
        await AssertRecordKindAsync(RecordKind.Response, mine);
        await AssertRecordKindAsync(RecordKind.Tombstone, theirs);
    }

    [Theory]
    [InlineData(ScopeB)]
    [InlineData(ResourceScopes.AnyCaller)]
    public async Task A_record_any_caller_may_evict_is_tombstoned_by_a_deletion_in_any_scope(string deletingScope)
    {
        var resource = NewResourcePath();
        var (shared, scoped) = (StoreTestData.NewId(), StoreTestData.NewId());
        await CompleteTiedAsync(shared, resource, ResourceScopes.AnyCaller);
        await CompleteTiedAsync(scoped, resource, ScopeA);

        var tombstoned = await Store.EvictResourceAsync(Eviction(resource, deletingScope), CancellationToken.None);

        Assert.Equal(1, tombstoned);

        await AssertRecordKindAsync(RecordKind.Tombstone, shared);
        await AssertRecordKindAsync(RecordKind.Response, scoped);
    }

    [Fact]
    public async Task The_operators_eviction_tombstones_the_records_of_every_scope()
    {
        var resource = NewResourcePath();
        var ids = new[] { StoreTestData.NewId(), StoreTestData.NewId(), StoreTestData.NewId() };
        await CompleteTiedAsync(ids[0], resource, ScopeA);
        await CompleteTiedAsync(ids[1], resource, ScopeB);
        await CompleteTiedAsync(ids[2], resource, ResourceScopes.AnyCaller);

        var tombstoned = await Store.EvictResourceAsync(Eviction(resource, scope: null), CancellationToken.None);

        Assert.Equal(3, tombstoned);
        foreach (var id in ids)
        {
            await AssertRecordKindAsync(RecordKind.Tombstone, id);
        }
    }

    [Fact]
    public async Task Evicting_a_resource_with_more_ties_than_one_step_takes_tombstones_them_all()
    {
        var resource = NewResourcePath();
        var ids = Enumerable.Range(0, 600).Select(_ => StoreTestData.NewId()).ToList();
        await Task.WhenAll(ids.Select(id => CompleteTiedAsync(id, resource, ScopeA)));

        var tombstoned = await Store.EvictResourceAsync(Eviction(resource, ScopeA), CancellationToken.None);

        Assert.Equal(ids.Count, tombstoned);
        await AssertRecordKindAsync(RecordKind.Tombstone, ids[0]);
        await AssertRecordKindAsync(RecordKind.Tombstone, ids[^1]);
    }

    [Fact]
    public async Task Evicting_a_resource_leaves_records_tied_to_other_resources()
    {
        var id = StoreTestData.NewId();
        await CompleteTiedAsync(id, NewResourcePath(), ScopeA);

        var tombstoned = await Store.EvictResourceAsync(Eviction(NewResourcePath(), ScopeA), CancellationToken.None);

        Assert.Equal(0, tombstoned);
        await AssertRecordKindAsync(RecordKind.Response, id);
    }

    [Fact]
    public async Task Evicting_the_same_resource_twice_is_harmless()
    {
        var resource = NewResourcePath();
        var id = StoreTestData.NewId();
        await CompleteTiedAsync(id, resource, ScopeA);

        var first = await Store.EvictResourceAsync(Eviction(resource, ScopeA), CancellationToken.None);
        var again = await Store.EvictResourceAsync(Eviction(resource, ScopeA), CancellationToken.None);

        Assert.Equal(1, first);
        Assert.Equal(0, again);
        await AssertRecordKindAsync(RecordKind.Tombstone, id);
    }

    [Fact]
    public async Task A_tie_whose_claim_began_before_its_scopes_deletion_of_the_resource_is_refused()
    {
        var resource = NewResourcePath();
        await Store.EvictResourceAsync(Eviction(resource, ScopeA), CancellationToken.None);

        var tied = await Store.TieAsync(StoreTestData.NewId(), Tie(resource, ScopeA, claimAge: TimeSpan.FromSeconds(30)), CancellationToken.None);

        Assert.False(tied);
    }

    [Fact]
    public async Task A_tie_whose_claim_began_before_another_scopes_deletion_of_the_resource_is_accepted()
    {
        var resource = NewResourcePath();
        await Store.EvictResourceAsync(Eviction(resource, ScopeB), CancellationToken.None);

        var tied = await Store.TieAsync(StoreTestData.NewId(), Tie(resource, ScopeA, claimAge: TimeSpan.FromSeconds(30)), CancellationToken.None);

        Assert.True(tied);
    }

    [Theory]
    [InlineData(ScopeA)]
    [InlineData(ResourceScopes.AnyCaller)]
    public async Task A_tie_whose_claim_began_before_the_operators_deletion_of_the_resource_is_refused_in_any_scope(string scope)
    {
        var resource = NewResourcePath();
        await Store.EvictResourceAsync(Eviction(resource, scope: null), CancellationToken.None);

        var tied = await Store.TieAsync(StoreTestData.NewId(), Tie(resource, scope, claimAge: TimeSpan.FromSeconds(30)), CancellationToken.None);

        Assert.False(tied);
    }

    [Fact]
    public async Task A_tie_whose_claim_began_after_the_resource_was_deleted_is_accepted_as_a_new_resource()
    {
        var resource = NewResourcePath();
        await Store.EvictResourceAsync(Eviction(resource, ScopeA), CancellationToken.None);

        // Deletions and claims are timed to the millisecond on the store's clock: let it tick past the deletion's.
        await PassAsync(TimeSpan.FromMilliseconds(20));
        var tied = await Store.TieAsync(StoreTestData.NewId(), Tie(resource, ScopeA, claimAge: TimeSpan.Zero), CancellationToken.None);

        Assert.True(tied);
    }

    [Fact]
    public async Task A_claim_tied_but_not_yet_completed_when_its_resource_is_deleted_cannot_complete()
    {
        var resource = NewResourcePath();
        var id = StoreTestData.NewId();
        var claim = await ClaimAsync(id, First, LongLease);
        Assert.True(await Store.TieAsync(id, Tie(resource, ScopeA), CancellationToken.None));

        await Store.EvictResourceAsync(Eviction(resource, ScopeA), CancellationToken.None);
        var completed = await Store.CompleteAsync(claim, StoreTestData.Record(First, "late"), RecordTtl, CancellationToken.None);

        Assert.False(completed);
        await AssertRecordKindAsync(RecordKind.Tombstone, id);
    }

    [Fact]
    public async Task A_tombstone_expires_after_its_ttl()
    {
        var resource = NewResourcePath();
        var id = StoreTestData.NewId();
        var claim = await ClaimAsync(id, First, LongLease);
        Assert.True(await Store.TieAsync(id, Tie(resource, ScopeA) with { TombstoneTtl = ShortLease }, CancellationToken.None));
        await CompleteAsync(claim, StoreTestData.Record(First, "body"));

        await Store.EvictResourceAsync(Eviction(resource, ScopeA), CancellationToken.None);
        await PassAsync(WellPastShortLease);

        Assert.Equal(BeginOutcome.Claimed, (await Store.BeginAsync(id, First, LongLease, rememberLapsedFor: null, CancellationToken.None)).Outcome);
    }

    [Fact]
    public async Task A_tie_whose_record_has_expired_is_not_tombstoned_into_life_again()
    {
        var resource = NewResourcePath();
        var id = StoreTestData.NewId();
        var claim = await ClaimAsync(id, First, LongLease);
        Assert.True(await Store.TieAsync(id, Tie(resource, ScopeA) with { RecordLifetime = ShortLease }, CancellationToken.None));
        Assert.True(await Store.CompleteAsync(claim, StoreTestData.Record(First, "body"), ShortLease, CancellationToken.None));
        await PassAsync(WellPastShortLease);

        var tombstoned = await Store.EvictResourceAsync(Eviction(resource, ScopeA), CancellationToken.None);

        Assert.Equal(0, tombstoned);
        Assert.Equal(BeginOutcome.Claimed, (await Store.BeginAsync(id, First, LongLease, rememberLapsedFor: null, CancellationToken.None)).Outcome);
    }

    [Fact]
    public async Task Inspect_tells_a_claim_in_flight_from_a_record_and_from_nothing()
    {
        var (claimed, completed) = (StoreTestData.NewId(), StoreTestData.NewId());
        await ClaimAsync(claimed, First, LongLease);
        var claim = await ClaimAsync(completed, First, LongLease);
        await CompleteAsync(claim, StoreTestData.Record(First, "done"));

        var inFlight = await Administration.InspectAsync(claimed, CancellationToken.None);
        var record = await Administration.InspectAsync(completed, CancellationToken.None);
        var nothing = await Administration.InspectAsync(StoreTestData.NewId(), CancellationToken.None);

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
        await CompleteAsync(claim, StoreTestData.Record(First, "done"));

        var deleted = await Administration.DeleteAsync(id, CancellationToken.None);
        var again = await Administration.DeleteAsync(id, CancellationToken.None);

        Assert.True(deleted);
        Assert.False(again);
        Assert.Equal(BeginOutcome.Claimed, (await Store.BeginAsync(id, First, LongLease, rememberLapsedFor: null, CancellationToken.None)).Outcome);
    }

    [Fact]
    public async Task Check_available_completes_while_the_store_answers() =>
        await Administration.CheckAvailableAsync(CancellationToken.None);

    /// <summary>Every call the store takes a cancellation token for.</summary>
    public static TheoryData<string> Calls => new("begin", "renew", "complete", "release", "tie", "evict", "inspect", "delete", "check available", "await claim", "read memory");

    [Theory]
    [MemberData(nameof(Calls))]
    public async Task A_call_whose_caller_already_gave_up_is_cancelled(string call)
    {
        var claim = await ClaimAsync(StoreTestData.NewId(), First, LongLease);
        using var gaveUp = new CancellationTokenSource();
        await gaveUp.CancelAsync();
        var cancelled = gaveUp.Token;
        Func<Task> attempt = call switch
        {
            "begin" => () => Store.BeginAsync(StoreTestData.NewId(), First, LongLease, rememberLapsedFor: null, cancelled).AsTask(),
            "renew" => () => Store.RenewAsync(claim, LongLease, cancelled).AsTask(),
            "complete" => () => Store.CompleteAsync(claim, StoreTestData.Record(First, "done"), RecordTtl, cancelled).AsTask(),
            "release" => () => Store.ReleaseAsync(claim, cancelled).AsTask(),
            "tie" => () => Store.TieAsync(claim.Id, Tie(NewResourcePath(), ScopeA), cancelled).AsTask(),
            "evict" => () => Store.EvictResourceAsync(Eviction(NewResourcePath(), ScopeA), cancelled).AsTask(),
            "inspect" => () => Administration.InspectAsync(claim.Id, cancelled).AsTask(),
            "delete" => () => Administration.DeleteAsync(claim.Id, cancelled).AsTask(),
            "await claim" => () => ((IChangeSource)Store).AwaitClaimAsync(claim.Id, cancelled).AsTask(),
            "read memory" => () => ((IStoreMemory)Store).ReadMemoryAsync(cancelled).AsTask(),
            _ => () => Administration.CheckAvailableAsync(cancelled).AsTask(),
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(attempt);
    }

    [Fact]
    public async Task A_begin_whose_caller_already_gave_up_leaves_no_claim_behind()
    {
        var id = StoreTestData.NewId();
        using var gaveUp = new CancellationTokenSource();
        await gaveUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Store.BeginAsync(id, First, LongLease, rememberLapsedFor: null, gaveUp.Token).AsTask());

        var retry = await Store.BeginAsync(id, First, LongLease, rememberLapsedFor: null, CancellationToken.None);

        Assert.Equal(BeginOutcome.Claimed, retry.Outcome);
    }

    [Fact]
    public async Task Under_at_most_once_a_begin_on_a_lapsed_claim_answers_outcome_unknown_instead_of_claiming()
    {
        var id = StoreTestData.NewId();
        await Store.BeginAsync(id, First, ShortLease, RecordTtl, CancellationToken.None);
        await PassAsync(WellPastShortLease);

        var retry = await Store.BeginAsync(id, First, LongLease, RecordTtl, CancellationToken.None);
        var later = await Store.BeginAsync(id, Second, LongLease, rememberLapsedFor: null, CancellationToken.None);

        Assert.Equal((BeginOutcome.Completed, RecordKind.OutcomeUnknown), (retry.Outcome, retry.Record?.Kind));
        Assert.Equal((BeginOutcome.Completed, RecordKind.OutcomeUnknown), (later.Outcome, later.Record?.Kind));
    }

    [Fact]
    public async Task Under_at_most_once_a_released_claim_lets_the_next_begin_claim()
    {
        var id = StoreTestData.NewId();
        var claim = (await Store.BeginAsync(id, First, ShortLease, RecordTtl, CancellationToken.None)).Claim;

        await Store.ReleaseAsync(claim, CancellationToken.None);
        await PassAsync(WellPastShortLease);

        Assert.Equal(BeginOutcome.Claimed, (await Store.BeginAsync(id, First, LongLease, RecordTtl, CancellationToken.None)).Outcome);
    }

    [Fact]
    public async Task Under_at_most_once_a_completed_key_whose_record_expired_lets_the_next_begin_claim()
    {
        var id = StoreTestData.NewId();
        var claim = (await Store.BeginAsync(id, First, LongLease, RecordTtl, CancellationToken.None)).Claim;
        Assert.True(await Store.CompleteAsync(claim, StoreTestData.Record(First, "done"), ShortLease, CancellationToken.None));

        await PassAsync(WellPastShortLease);

        Assert.Equal(BeginOutcome.Claimed, (await Store.BeginAsync(id, First, LongLease, RecordTtl, CancellationToken.None)).Outcome);
    }

    [Fact]
    public async Task Under_at_most_once_a_claim_completed_after_its_lease_lapsed_keeps_its_record()
    {
        var id = StoreTestData.NewId();
        var claim = (await Store.BeginAsync(id, First, ShortLease, RecordTtl, CancellationToken.None)).Claim;
        await PassAsync(WellPastShortLease);

        await AssertCompletesAndTheNextBeginReplaysAsync(claim, StoreTestData.Record(First, "late"));
    }

    [Fact]
    public async Task Under_at_most_once_a_holder_whose_lapse_became_outcome_unknown_still_completes_and_the_next_begin_replays_its_record()
    {
        var id = StoreTestData.NewId();
        var lapsed = await ClaimLapsedIntoOutcomeUnknownAsync(id);

        await AssertCompletesAndTheNextBeginReplaysAsync(lapsed, StoreTestData.Record(First, "recorded once the store was back"));
    }

    [Fact]
    public async Task Under_at_most_once_an_older_claim_cannot_complete_over_the_outcome_unknown_of_a_later_claim()
    {
        var id = StoreTestData.NewId();
        var older = await ClaimLapsedIntoOutcomeUnknownAsync(id);
        Assert.True(await Administration.DeleteAsync(id, CancellationToken.None));
        await ClaimLapsedIntoOutcomeUnknownAsync(id);

        Assert.False(await Store.CompleteAsync(older, StoreTestData.Record(First, "older"), RecordTtl, CancellationToken.None));
        await AssertRecordKindAsync(RecordKind.OutcomeUnknown, id);
    }

    [Fact]
    public async Task Under_at_most_once_renew_by_a_holder_whose_lapse_became_outcome_unknown_does_not_revive_its_claim()
    {
        var id = StoreTestData.NewId();
        var lapsed = await ClaimLapsedIntoOutcomeUnknownAsync(id);

        Assert.False(await Store.RenewAsync(lapsed, LongLease, CancellationToken.None));
        await AssertRecordKindAsync(RecordKind.OutcomeUnknown, id);
    }

    [Fact]
    public async Task Under_at_most_once_release_by_a_holder_whose_lapse_became_outcome_unknown_keeps_the_outcome_unknown()
    {
        var id = StoreTestData.NewId();
        var lapsed = await ClaimLapsedIntoOutcomeUnknownAsync(id);

        await Store.ReleaseAsync(lapsed, CancellationToken.None);

        await AssertRecordKindAsync(RecordKind.OutcomeUnknown, id);
    }

    [Fact]
    public async Task Delete_forgets_an_outcome_unknown_key_so_the_next_begin_claims()
    {
        var id = StoreTestData.NewId();
        await Store.BeginAsync(id, First, ShortLease, RecordTtl, CancellationToken.None);
        await PassAsync(WellPastShortLease);
        await Store.BeginAsync(id, First, LongLease, RecordTtl, CancellationToken.None);

        Assert.True(await Administration.DeleteAsync(id, CancellationToken.None));
        Assert.Equal(BeginOutcome.Claimed, (await Store.BeginAsync(id, First, LongLease, RecordTtl, CancellationToken.None)).Outcome);
    }

    [Fact]
    public async Task Delete_forgets_a_lapsed_at_most_once_claim_so_the_next_begin_claims()
    {
        var id = StoreTestData.NewId();
        await Store.BeginAsync(id, First, ShortLease, RecordTtl, CancellationToken.None);
        await PassAsync(WellPastShortLease);

        Assert.True(await Administration.DeleteAsync(id, CancellationToken.None));
        Assert.Equal(BeginOutcome.Claimed, (await Store.BeginAsync(id, First, LongLease, RecordTtl, CancellationToken.None)).Outcome);
    }

    private static string NewResourcePath() => $"/pipelines/pl_{Guid.NewGuid():N}";

    private static ResourceTie Tie(string resource, string scope, TimeSpan? claimAge = null) =>
        new(resource, scope, claimAge ?? TimeSpan.Zero, RecordTtl, RecordTtl);

    private static ResourceEviction Eviction(string resource, string? scope) => new(resource, scope, RecordTtl);

    /// <summary>Claims, ties in <paramref name="scope"/> (before completing, as the gateway does) and completes a record.</summary>
    private async Task CompleteTiedAsync(RecordId id, string resource, string scope)
    {
        var claim = await ClaimAsync(id, First, LongLease);
        Assert.True(await Store.TieAsync(id, Tie(resource, scope), CancellationToken.None));
        await CompleteAsync(claim, StoreTestData.Record(First, "created"));
    }

    /// <summary>Completes a claim that is still held, which must succeed.</summary>
    private async Task CompleteAsync(Claim claim, IdempotencyRecord record) =>
        Assert.True(await Store.CompleteAsync(claim, record, RecordTtl, CancellationToken.None));

    private async Task AssertRecordKindAsync(RecordKind expected, RecordId id) =>
        Assert.Equal(expected, (await Store.BeginAsync(id, First, LongLease, rememberLapsedFor: null, CancellationToken.None)).Record?.Kind);

    private async Task<Claim> ClaimAsync(RecordId id, Fingerprint fingerprint, TimeSpan lease)
    {
        var result = await Store.BeginAsync(id, fingerprint, lease, rememberLapsedFor: null, CancellationToken.None);
        Assert.Equal(BeginOutcome.Claimed, result.Outcome);
        return result.Claim;
    }

    /// <summary>A claim by <see cref="First"/> whose short lease lapsed, then a live claim by <see cref="Second"/>.</summary>
    private async Task<(Claim Stale, Claim Current)> ClaimLapsedThenTakenOverAsync(RecordId id)
    {
        var stale = await ClaimAsync(id, First, ShortLease);
        await PassAsync(WellPastShortLease);
        var current = await ClaimAsync(id, Second, LongLease);
        return (stale, current);
    }

    /// <summary>Completes <paramref name="claim"/>, which must succeed, then expects an at-most-once begin to replay the record.</summary>
    private async Task AssertCompletesAndTheNextBeginReplaysAsync(Claim claim, IdempotencyRecord record)
    {
        Assert.True(await Store.CompleteAsync(claim, record, RecordTtl, CancellationToken.None));
        RecordAssert.Equal(record, (await Store.BeginAsync(claim.Id, First, LongLease, RecordTtl, CancellationToken.None)).Record);
    }

    /// <summary>An at-most-once claim whose short lease lapsed, which a retry's begin then turned into outcome_unknown.</summary>
    private async Task<Claim> ClaimLapsedIntoOutcomeUnknownAsync(RecordId id)
    {
        var claim = (await Store.BeginAsync(id, First, ShortLease, RecordTtl, CancellationToken.None)).Claim;
        await PassAsync(WellPastShortLease);
        Assert.Equal(RecordKind.OutcomeUnknown, (await Store.BeginAsync(id, First, LongLease, RecordTtl, CancellationToken.None)).Record?.Kind);
        return claim;
    }

    private async Task AssertInFlightAsync(RecordId id, Fingerprint expectedHolder)
    {
        var result = await Store.BeginAsync(id, StoreTestData.FingerprintOf(999), LongLease, rememberLapsedFor: null, CancellationToken.None);
        Assert.Equal(BeginOutcome.InFlight, result.Outcome);
        Assert.Equal(expectedHolder, result.HolderFingerprint);
    }
}
