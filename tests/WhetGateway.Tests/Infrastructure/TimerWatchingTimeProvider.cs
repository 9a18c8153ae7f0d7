using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace WhetGateway.Tests.Infrastructure;

/// <summary>
/// A fake clock that tells when a timer is armed on it: a poller that arms its next pause has finished its look, so
/// a test can count what it did without sleeping.
/// </summary>
internal sealed class TimerWatchingTimeProvider : FakeTimeProvider
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);

    private readonly Channel<ITimer> _armed = Channel.CreateUnbounded<ITimer>();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        _armed.Writer.TryWrite(timer);
        return timer;
    }

    /// <summary>Completes when a timer not yet waited for has been armed; fails after 20 s.</summary>
    public async Task TimerArmedAsync() => await _armed.Reader.ReadAsync().AsTask().WaitAsync(Limit);

    /// <summary>Moves the clock on by <paramref name="delta"/>, then waits for the timer armed by what that woke.</summary>
    public Task AdvanceToNextTimerAsync(TimeSpan delta)
    {
        Advance(delta);
        return TimerArmedAsync();
    }
}
