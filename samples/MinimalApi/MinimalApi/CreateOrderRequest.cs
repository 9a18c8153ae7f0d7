namespace MinimalApi;

public sealed record CreateOrderRequest(string Item, int Quantity);
