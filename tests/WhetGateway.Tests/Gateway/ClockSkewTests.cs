using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using WhetGateway.Tests.Infrastructure;

namespace WhetGateway.Tests.Gateway;

/// <summary>
/// Instances whose wall clocks disagree still agree on whether a resource's deletion came before or after a claim:
/// deletions and claims are timed on the store's clock, so a deletion through a lagging instance still tombstones a
/// record that was being executed when it happened.
/// </summary>
[Collection(SharedRedisCollection.Name)]
public sealed class ClockSkewTests(SharedRedis redis) : UpstreamTestBase
{
    private const string AdminToken = "operator-token-of-at-least-32-characters";

    [Fact]
    public async Task A_deletion_through_an_instance_whose_clock_lags_tombstones_a_record_still_being_executed_elsewhere()
    {
        var settings = new Dictionary<string, string?>(GatewayHost.OnRedis(redis.ConnectionString, $"test:{Guid.NewGuid():N}:"))
        {
            [$"Idempotency:Policies:{GatewayHost.Policy}:Resources:2:Id"] = "post_id",
            [$"Idempotency:Policies:{GatewayHost.Policy}:Resources:2:Path"] = "/posts/{id}",
            ["Idempotency:Admin:Enabled"] = "true",
            ["Idempotency:Admin:Token"] = AdminToken,
        };
        await using var executing = await GatewayHost.StartAsync(GatewayHost.Settings(Upstream.Address, settings));
        await using var lagging = await GatewayHost.StartAsync(
            GatewayHost.Settings(Upstream.Address, settings), services => services.AddSingleton<TimeProvider>(new SkewedTimeProvider(TimeSpan.FromMinutes(-10))));
        using var client = executing.CreateClient();
        using var operatorClient = lagging.CreateClient($"Bearer {AdminToken}");
        var postId = $"post_{Guid.NewGuid():N}";
        var body = $$"""{"text":"hello","idempotency_key":"{{Requests.NewKey()}}"}""";

        var original = client.SendAsync(Requests.Post($"/posts/{postId}/draft", body, (SampleApiHost.HoldHeader, "original")));
        await Upstream.WaitUntilHeldAsync("original");
        using var evicted = await operatorClient.PostAsJsonAsync("/_whet/admin/evictions", new { path = $"/posts/{postId}" });
        Upstream.Release("original");
        using var completed = await original;
        using var replay = await client.SendAsync(Requests.Post($"/posts/{postId}/draft", body));

        Assert.Equal(HttpStatusCode.OK, evicted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, completed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, replay.StatusCode);
        Assert.Equal(1, Upstream.SideEffects.Count("posts.draft"));
    }
}
