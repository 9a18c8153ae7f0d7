namespace MinimalApi;

/// <summary>
/// A small order API made idempotent in-process: the policies and scope come from the <c>Idempotency</c> section;
/// records live in memory, or in Redis when a <c>Redis</c> section names one.
/// </summary>
public static class OrderApp
{
    public static WebApplication Create(string[] args, Action<IServiceCollection>? configureServices = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Services.AddIdempotency(builder.Configuration.GetSection("Idempotency"));
        var redis = builder.Configuration.GetSection("Redis");
        if (redis.Exists())
        {
            builder.Services.AddRedisIdempotencyStore(redis);
        }

        builder.Services.AddSingleton<OrderBook>();
        configureServices?.Invoke(builder.Services);

        var app = builder.Build();
        app.UseIdempotency();

        var orders = app.MapGroup("/orders").WithIdempotency("orders");
        orders.MapPost("/", async (CreateOrderRequest request, OrderBook book, CancellationToken cancellationToken) =>
        {
            var order = await book.PlaceAsync(request, cancellationToken);
            return Results.Created($"/orders/{order.Id}", order);
        });
        orders.MapGet("/", (OrderBook book) => book.All);
        orders.MapDelete("/{id}", (string id, OrderBook book) => book.Cancel(id) ? Results.NoContent() : Results.NotFound());
        return app;
    }
}
