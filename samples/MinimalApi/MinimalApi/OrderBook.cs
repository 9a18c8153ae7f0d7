using System.Collections.Concurrent;

namespace MinimalApi;

/// <summary>The orders, and how many times one was placed: the side effect a retry must not repeat.</summary>
public class OrderBook
{
    private readonly ConcurrentDictionary<string, Order> _orders = new();
    private int _placed;

    public int Placed => Volatile.Read(ref _placed);

    public IReadOnlyCollection<Order> All => [.. _orders.Values];

    public virtual Task<Order> PlaceAsync(CreateOrderRequest request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _placed);
        var order = new Order(Guid.NewGuid().ToString("N"), request.Item, request.Quantity);
        _orders[order.Id] = order;
        return Task.FromResult(order);
    }

    public bool Cancel(string id) => _orders.TryRemove(id, out _);
}
