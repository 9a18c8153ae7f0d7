namespace MinimalApi.Tests;

/// <summary>The sample's order book, able to hold the placing of an order until the test lets it go on.</summary>
public sealed class HeldOrderBook : OrderBook
{
    private TaskCompletionSource? _arrived;
    private TaskCompletionSource? _release;

    /// <summary>Holds the next order placed; the first task completes once it is held, the second releases it.</summary>
    public (Task Arrived, Action Release) HoldNext()
    {
        _arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = _release;
        return (_arrived.Task, () => release.TrySetResult());
    }

    public override async Task<Order> PlaceAsync(CreateOrderRequest request, CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _release, null) is { } release)
        {
            _arrived!.TrySetResult();
            await release.Task;
        }

        return await base.PlaceAsync(request, cancellationToken);
    }
}
