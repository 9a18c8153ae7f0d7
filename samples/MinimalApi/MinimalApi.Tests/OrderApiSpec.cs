using System.Net;
using System.Net.Http.Json;

namespace MinimalApi.Tests;

/// <summary>
/// The sample app, built against the packed packages, behaves as the gateway does: a retry replays, a duplicate in
/// flight waits, a reused key is checked, callers are kept apart, reads are left alone, and a deletion ends replays.
/// </summary>
public abstract class OrderApiSpec : IAsyncLifetime
{
    private OrderApiHost? _host;

    protected OrderApiHost Host => _host!;

    /// <summary>The Redis to keep records in, or null for the in-memory store.</summary>
    protected abstract string? RedisConfiguration { get; }

    public async Task InitializeAsync() => _host = await OrderApiHost.StartAsync(RedisConfiguration);

    public async Task DisposeAsync() => await Host.DisposeAsync();

    [Fact]
    public async Task A_retry_replays_the_original_bytes_and_the_order_is_placed_once()
    {
        using var client = Host.CreateClient("alice");
        var key = NewKey();

        using var original = await client.SendAsync(PlaceOrder(key, "book"));
        using var retry = await client.SendAsync(PlaceOrder(key, "book"));

        Assert.Equal(HttpStatusCode.Created, original.StatusCode);
        Assert.Equal(original.StatusCode, retry.StatusCode);
        Assert.Equal(await original.Content.ReadAsByteArrayAsync(), await retry.Content.ReadAsByteArrayAsync());
        Assert.Equal(1, Host.Orders.Placed);
    }

    [Fact]
    public async Task A_duplicate_sent_while_the_original_runs_waits_for_it_and_gets_its_answer()
    {
        using var client = Host.CreateClient("alice");
        var key = NewKey();
        var (arrived, release) = Host.Orders.HoldNext();

        var original = client.SendAsync(PlaceOrder(key, "book"));
        await arrived;
        var duplicate = client.SendAsync(PlaceOrder(key, "book"));
        release();
        using var originalResponse = await original;
        using var duplicateResponse = await duplicate;

        Assert.Equal(HttpStatusCode.Created, originalResponse.StatusCode);
        Assert.Equal(HttpStatusCode.Created, duplicateResponse.StatusCode);
        Assert.Equal(await originalResponse.Content.ReadAsByteArrayAsync(), await duplicateResponse.Content.ReadAsByteArrayAsync());
        Assert.Equal(1, Host.Orders.Placed);
    }

    [Fact]
    public async Task A_key_reused_with_another_body_is_refused_with_422()
    {
        using var client = Host.CreateClient("alice");
        var key = NewKey();
        using var original = await client.SendAsync(PlaceOrder(key, "book"));

        using var reused = await client.SendAsync(PlaceOrder(key, "lamp"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, reused.StatusCode);
        Assert.Equal(1, Host.Orders.Placed);
    }

    [Fact]
    public async Task A_15_character_key_is_refused_with_400_before_the_endpoint_runs()
    {
        using var client = Host.CreateClient("alice");

        using var response = await client.SendAsync(PlaceOrder("fifteen-chars-k", "book"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, Host.Orders.Placed);
    }

    [Fact]
    public async Task Another_credential_with_the_same_key_gets_its_own_execution()
    {
        using var alice = Host.CreateClient("alice");
        using var bob = Host.CreateClient("bob");
        var key = NewKey();

        using var alicesOrder = await alice.SendAsync(PlaceOrder(key, "book"));
        using var bobsOrder = await bob.SendAsync(PlaceOrder(key, "book"));

        Assert.Equal(HttpStatusCode.Created, bobsOrder.StatusCode);
        Assert.NotEqual(await alicesOrder.Content.ReadAsStringAsync(), await bobsOrder.Content.ReadAsStringAsync());
        Assert.Equal(2, Host.Orders.Placed);
    }

    [Fact]
    public async Task A_GET_with_a_key_is_not_replayed()
    {
        using var client = Host.CreateClient("alice");
        var key = NewKey();
        using var before = await client.SendAsync(WithKey(new HttpRequestMessage(HttpMethod.Get, "/orders/"), key));
        using var placed = await client.SendAsync(PlaceOrder(NewKey(), "book"));

        using var after = await client.SendAsync(WithKey(new HttpRequestMessage(HttpMethod.Get, "/orders/"), key));

        Assert.Empty(await before.Content.ReadFromJsonAsync<Order[]>() ?? []);
        Assert.Single(await after.Content.ReadFromJsonAsync<Order[]>() ?? []);
    }

    [Fact]
    public async Task After_the_app_deletes_the_order_a_replay_answers_404()
    {
        using var client = Host.CreateClient("alice");
        var key = NewKey();
        using var placed = await client.SendAsync(PlaceOrder(key, "book"));
        var order = await placed.Content.ReadFromJsonAsync<Order>();
        using var deleted = await client.DeleteAsync(new Uri($"/orders/{order!.Id}", UriKind.Relative));

        using var replay = await client.SendAsync(PlaceOrder(key, "book"));

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, replay.StatusCode);
        Assert.Equal(1, Host.Orders.Placed);
    }

    private static string NewKey() => Guid.NewGuid().ToString("N");

    private static HttpRequestMessage PlaceOrder(string key, string item) =>
        WithKey(new HttpRequestMessage(HttpMethod.Post, "/orders/") { Content = JsonContent.Create(new CreateOrderRequest(item, 1)) }, key);

    private static HttpRequestMessage WithKey(HttpRequestMessage request, string key)
    {
        request.Headers.Add("Idempotency-Key", key);
        return request;
    }
}
