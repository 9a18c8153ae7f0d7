using System.Net;
using Microsoft.Extensions.Time.Testing;
using WhetGateway.Tests.Infrastructure;

namespace WhetGateway.Tests.Gateway;

/// <summary>
/// <c>POST /fetch</c> with a response cache on (url, intent): equal requests within the TTL share one upstream
/// call, with or without a key, and say whether they were a hit.
/// </summary>
public sealed class ResponseCacheTests : UpstreamTestBase
{
    private const string Policy = "fetch-cache";

    [Fact]
    public async Task A_repeat_of_the_same_url_and_intent_is_served_from_the_cache_without_a_key()
    {
        await using var gateway = await StartCachingGatewayAsync("00:01:00");
        using var client = gateway.CreateClient();

        using var miss = await client.SendAsync(Fetch("https://example.com/a", "read"));
        using var hit = await client.SendAsync(Fetch("https://example.com/a", "read"));

        Assert.Equal(["miss"], miss.Headers.GetValues("X-Whet-Cache"));
        Assert.Equal(["hit"], hit.Headers.GetValues("X-Whet-Cache"));
        Assert.Equal(await miss.Content.ReadAsStringAsync(), await hit.Content.ReadAsStringAsync());
        Assert.Equal(1, Upstream.SideEffects.Count("fetch"));
    }

    [Fact]
    public async Task A_request_with_a_key_hits_the_entry_a_request_without_one_made()
    {
        await using var gateway = await StartCachingGatewayAsync("00:01:00");
        using var client = gateway.CreateClient();

        using var miss = await client.SendAsync(Fetch("https://example.com/b", "read"));
        using var hit = await client.SendAsync(Fetch("https://example.com/b", "read", Requests.NewKey()));

        Assert.Equal(["hit"], hit.Headers.GetValues("X-Whet-Cache"));
        Assert.Equal(1, Upstream.SideEffects.Count("fetch"));
    }

    [Fact]
    public async Task Another_intent_for_the_same_url_is_a_miss()
    {
        await using var gateway = await StartCachingGatewayAsync("00:01:00");
        using var client = gateway.CreateClient();

        using var first = await client.SendAsync(Fetch("https://example.com/c", "read"));
        using var second = await client.SendAsync(Fetch("https://example.com/c", "summarize"));

        Assert.Equal(["miss"], second.Headers.GetValues("X-Whet-Cache"));
        Assert.Equal(2, Upstream.SideEffects.Count("fetch"));
    }

    [Fact]
    public async Task After_the_ttl_the_same_request_is_a_miss_again()
    {
        var ttl = TimeSpan.FromMinutes(1);
        var time = new FakeTimeProvider();
        await using var gateway = await StartCachingGatewayAsync(ttl.ToString(), time);
        using var client = gateway.CreateClient();

        using var first = await client.SendAsync(Fetch("https://example.com/d", "read"));
        time.Advance(ttl - TimeSpan.FromSeconds(1));
        using var withinTtl = await client.SendAsync(Fetch("https://example.com/d", "read"));
        time.Advance(TimeSpan.FromSeconds(1));
        using var afterTtl = await client.SendAsync(Fetch("https://example.com/d", "read"));

        Assert.Equal(["hit"], withinTtl.Headers.GetValues("X-Whet-Cache"));
        Assert.Equal(["miss"], afterTtl.Headers.GetValues("X-Whet-Cache"));
        Assert.Equal(2, Upstream.SideEffects.Count("fetch"));
    }

    [Fact]
    public async Task Concurrent_identical_requests_coalesce_into_one_upstream_call()
    {
        await using var gateway = await StartCachingGatewayAsync("00:01:00");
        using var client = gateway.CreateClient();

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            client.SendAsync(Fetch("https://example.com/e", "read", headers: ("X-Sample-Delay-Ms", "300")))));

        Assert.All(responses, response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
        Assert.Single((await Task.WhenAll(responses.Select(response => response.Content.ReadAsStringAsync()))).Distinct());
        Assert.Equal(1, Upstream.SideEffects.Count("fetch"));
    }

    private Task<GatewayHost> StartCachingGatewayAsync(string ttl, TimeProvider? time = null) => StartGatewayAsync(
        new Dictionary<string, string?>
        {
            [$"Idempotency:Policies:{Policy}:ResponseCache:Fields:0"] = "url",
            [$"Idempotency:Policies:{Policy}:ResponseCache:Fields:1"] = "intent",
            [$"Idempotency:Policies:{Policy}:ResponseCache:Ttl"] = ttl,
            ["ReverseProxy:Routes:fetch:Metadata:IdempotencyPolicy"] = Policy,
        },
        time);

    private static HttpRequestMessage Fetch(string url, string intent, string? key = null, params (string Name, string Value)[] headers) =>
        Requests.Post("/fetch", key is null
            ? $$"""{"url":"{{url}}","intent":"{{intent}}"}"""
            : $$"""{"url":"{{url}}","intent":"{{intent}}","idempotency_key":"{{key}}"}""", headers);
}
