using WhetGateway.Storage;
using WhetGateway.Tests.Infrastructure;
using WhetGateway.Tests.Storage;

namespace WhetGateway.Tests.Idempotency;

public sealed class ChangeNotifierTests
{
    private readonly ClaimInFlightSource _source = new(TimeSpan.FromHours(1));
    private readonly TimerWatchingTimeProvider _time = new();
    private readonly ChangeNotifier _notifier;
    private readonly RecordId _id = StoreTestData.NewId();

    public ChangeNotifierTests() => _notifier = new ChangeNotifier(_source, _time);

    [Fact]
    public void Notify_completes_every_current_watch_on_that_key()
    {
        using var first = _notifier.Watch(_id);
        using var second = _notifier.Watch(_id);

        _notifier.Notify(_id);

        Assert.True(first.Changed.IsCompletedSuccessfully);
        Assert.True(second.Changed.IsCompletedSuccessfully);
    }

    [Fact]
    public void Notify_leaves_watches_on_other_keys_pending()
    {
        using var other = _notifier.Watch(StoreTestData.NewId());
        using var watched = _notifier.Watch(_id);

        _notifier.Notify(_id);

        Assert.True(watched.Changed.IsCompleted);
        Assert.False(other.Changed.IsCompleted);
    }

    [Fact]
    public void A_watch_taken_after_a_notify_is_not_already_complete()
    {
        using (var earlier = _notifier.Watch(_id))
        {
            _notifier.Notify(_id);
            Assert.True(earlier.Changed.IsCompleted);

            using var later = _notifier.Watch(_id);

            Assert.False(later.Changed.IsCompleted);
        }
    }

    [Fact]
    public void Disposing_every_watch_then_notifying_does_not_throw()
    {
        var watches = new[] { _notifier.Watch(_id), _notifier.Watch(_id) };
        foreach (var watch in watches)
        {
            watch.Dispose();
        }

        var exception = Record.Exception(() => _notifier.Notify(_id));

        Assert.Null(exception);
    }

    [Fact]
    public void A_watch_taken_after_the_last_one_left_is_still_notified()
    {
        _notifier.Watch(_id).Dispose();
        using var watch = _notifier.Watch(_id);

        _notifier.Notify(_id);

        Assert.True(watch.Changed.IsCompletedSuccessfully);
    }

    [Fact]
    public void Disposing_one_watch_leaves_the_others_notified()
    {
        var leaving = _notifier.Watch(_id);
        using var staying = _notifier.Watch(_id);
        leaving.Dispose();

        _notifier.Notify(_id);

        Assert.True(staying.Changed.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task Many_watches_on_one_key_share_one_listening_and_one_look()
    {
        var watches = Enumerable.Range(0, 50).Select(_ => _notifier.Watch(_id)).ToList();
        await _time.TimerArmedAsync();

        Assert.Equal(1, _source.Listens);
        Assert.Equal(1, _source.Looks);
        watches.ForEach(watch => watch.Dispose());
    }

    [Fact]
    public async Task The_watch_looks_again_after_pauses_doubling_from_250_ms_to_4_s()
    {
        using var watch = _notifier.Watch(_id);
        await _time.TimerArmedAsync();
        var looks = new List<int>();

        foreach (var pause in new[] { 250, 500, 1000, 2000, 4000, 4000 })
        {
            _time.Advance(TimeSpan.FromMilliseconds(pause - 1));
            looks.Add(_source.Looks);
            await _time.AdvanceToNextTimerAsync(TimeSpan.FromMilliseconds(1));
            looks.Add(_source.Looks);
        }

        Assert.Equal([1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7], looks);
    }

    [Fact]
    public async Task The_watch_looks_again_when_the_claims_lease_is_due_to_lapse()
    {
        var source = new ClaimInFlightSource(TimeSpan.FromMilliseconds(100));
        using var watch = new ChangeNotifier(source, _time).Watch(_id);
        await _time.TimerArmedAsync();

        await _time.AdvanceToNextTimerAsync(TimeSpan.FromMilliseconds(101));

        Assert.Equal(2, source.Looks);
    }

    [Fact]
    public async Task A_notice_completes_the_watch_and_ends_its_listening()
    {
        using var watch = _notifier.Watch(_id);
        await _time.TimerArmedAsync();

        _source.Announce();

        Assert.True(watch.Changed.IsCompletedSuccessfully);
        Assert.True(_source.ListeningUntil.IsCancellationRequested);
    }

    [Fact]
    public async Task The_last_watch_leaving_ends_the_listening()
    {
        var first = _notifier.Watch(_id);
        var second = _notifier.Watch(_id);
        await _time.TimerArmedAsync();

        first.Dispose();
        var afterFirst = _source.ListeningUntil.IsCancellationRequested;
        second.Dispose();

        Assert.False(afterFirst);
        Assert.True(_source.ListeningUntil.IsCancellationRequested);
    }
}
