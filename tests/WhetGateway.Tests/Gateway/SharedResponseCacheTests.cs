using System.Net;
using System.Text.Json;
using WhetGateway.Tests.Infrastructure;

namespace WhetGateway.Tests.Gateway;

/// <summary>
/// The response cache of <c>POST /fetch</c> on Redis: its entries are shared by every instance on that Redis, kept
/// apart per scope like any record, and a key that comes along is still checked.
/// </summary>
[Collection(SharedRedisCollection.Name)]
public sealed class SharedResponseCacheTests(SharedRedis redis) : UpstreamTestBase
{
    private const string Policy = "fetch-cache";

    private readonly string _keyPrefix = $"test:{Guid.NewGuid():N}:";

    [Fact]
    public async Task An_entry_cached_by_one_instance_is_a_hit_on_another()
    {
        await using var first = await StartCachingGatewayAsync();
        await using var second = await StartCachingGatewayAsync();
        using var firstClient = first.CreateClient();
        using var secondClient = second.CreateClient();

        using var miss = await firstClient.SendAsync(Fetch("https://example.com/a"));
        using var hit = await secondClient.SendAsync(Fetch("https://example.com/a"));

        Assert.Equal(["miss"], miss.Headers.GetValues("X-Whet-Cache"));
        Assert.Equal(["hit"], hit.Headers.GetValues("X-Whet-Cache"));
        Assert.Equal(await miss.Content.ReadAsStringAsync(), await hit.Content.ReadAsStringAsync());
        Assert.Equal(1, Upstream.SideEffects.Count("fetch"));
    }

    [Fact]
    public async Task Another_scope_asking_for_the_same_fields_is_a_miss()
    {
        await using var gateway = await StartCachingGatewayAsync();
        using var alice = gateway.CreateClient("Bearer alice");
        using var bob = gateway.CreateClient("Bearer bob");

        using var forAlice = await alice.SendAsync(Fetch("https://example.com/b"));
        using var forBob = await bob.SendAsync(Fetch("https://example.com/b"));

        Assert.Equal(["miss"], forBob.Headers.GetValues("X-Whet-Cache"));
        Assert.NotEqual(await forAlice.Content.ReadAsStringAsync(), await forBob.Content.ReadAsStringAsync());
        Assert.Equal(2, Upstream.SideEffects.Count("fetch"));
    }

    [Fact]
    public async Task A_malformed_key_is_refused_with_400_even_when_its_fields_are_cached()
    {
        await using var gateway = await StartCachingGatewayAsync();
        using var client = gateway.CreateClient();

        using var miss = await client.SendAsync(Fetch("https://example.com/c"));
        using var refused = await client.SendAsync(Fetch("https://example.com/c", key: "short"));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("validation_failed", await refused.ReadErrorTypeAsync());
        Assert.False(refused.Headers.Contains("X-Whet-Cache"));
        Assert.Equal(1, Upstream.SideEffects.Count("fetch"));
    }

    private Task<GatewayHost> StartCachingGatewayAsync() => StartGatewayAsync(new Dictionary<string, string?>(GatewayHost.OnRedis(redis.ConnectionString, _keyPrefix))
    {
        [$"Idempotency:Policies:{Policy}:ResponseCache:Fields:0"] = "url",
        [$"Idempotency:Policies:{Policy}:ResponseCache:Ttl"] = "00:01:00",
        ["ReverseProxy:Routes:fetch:Metadata:IdempotencyPolicy"] = Policy,
    });

    private static HttpRequestMessage Fetch(string url, string? key = null) =>
        Requests.Post("/fetch", key is null
            ? JsonSerializer.Serialize(new { url, intent = "read" })
            : JsonSerializer.Serialize(new { url, intent = "read", idempotency_key = key }));
}
