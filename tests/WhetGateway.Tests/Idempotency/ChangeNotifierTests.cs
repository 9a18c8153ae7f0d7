using WhetGateway.Storage;
using WhetGateway.Tests.Storage;

namespace WhetGateway.Tests.Idempotency;

public sealed class ChangeNotifierTests
{
    private readonly ChangeNotifier _notifier = new();
    private readonly RecordId _id = StoreTestData.NewId();

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
}
