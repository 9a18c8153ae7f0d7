using System.Net;
using Microsoft.AspNetCore.Http;
using WhetGateway.Idempotency.Fingerprinting;
using WhetGateway.Scoping;
using WhetGateway.Storage;
using WhetGateway.Tests.Infrastructure;

namespace WhetGateway.Tests.Gateway;

/// <summary>Several gateway instances sharing one Redis behave as one gateway.</summary>
[Collection(SharedRedisCollection.Name)]
public sealed class MultiInstanceRedisTests(SharedRedis redis) : UpstreamTestBase
{
    private readonly string _keyPrefix = $"test:{Guid.NewGuid():N}:";

    [Fact]
    public async Task A_hundred_concurrent_same_key_requests_over_two_instances_execute_once_and_get_identical_responses()
    {
        await using var first = await StartGatewayOnSharedRedisAsync();
        await using var second = await StartGatewayOnSharedRedisAsync();
        using var clientA = first.CreateClient();
        using var clientB = second.CreateClient();
        var body = Requests.CreatePipeline(Requests.NewKey());

        var responses = await Task.WhenAll(Enumerable.Range(0, 100).Select(i =>
            (i % 2 == 0 ? clientA : clientB).SendAsync(Requests.Post("/pipelines/from-intent", body, ("X-Sample-Delay-Ms", "200")))));
        var bodies = await Task.WhenAll(responses.Select(response => response.Content.ReadAsStringAsync()));

        Assert.All(responses, response => Assert.Equal(HttpStatusCode.Created, response.StatusCode));
        Assert.Single(bodies.Distinct());
        Assert.Equal(1, Upstream.SideEffects.Count("pipelines.create"));
        Assert.Equal(99, responses.Count(response => response.Headers.Contains("Idempotent-Replayed")));
    }

    [Fact]
    public async Task A_record_made_through_one_instance_is_replayed_by_another()
    {
        await using var first = await StartGatewayOnSharedRedisAsync();
        await using var second = await StartGatewayOnSharedRedisAsync();
        using var clientA = first.CreateClient();
        using var clientB = second.CreateClient();
        var body = Requests.CreatePipeline(Requests.NewKey());

        using var original = await clientA.SendAsync(Requests.Post("/pipelines/from-intent", body));
        using var replay = await clientB.SendAsync(Requests.Post("/pipelines/from-intent", body));

        Assert.True(replay.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(await original.Content.ReadAsStringAsync(), await replay.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_DELETE_through_one_instance_tombstones_the_record_for_replays_through_another()
    {
        await using var first = await StartGatewayOnSharedRedisAsync();
        await using var second = await StartGatewayOnSharedRedisAsync();
        using var clientA = first.CreateClient();
        using var clientB = second.CreateClient();
        var body = Requests.CreatePipeline(Requests.NewKey());

        using var created = await clientB.SendAsync(Requests.Post("/pipelines/from-intent", body));
        using var deleted = await clientA.DeleteAsync(created.Headers.Location);
        using var replay = await clientB.SendAsync(Requests.Post("/pipelines/from-intent", body));

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, replay.StatusCode);
        Assert.Equal(1, Upstream.SideEffects.Count("pipelines.create"));
    }

    [Fact]
    public async Task A_claim_abandoned_by_a_crashed_instance_is_taken_over_after_its_lease()
    {
        await using var gateway = await StartGatewayOnSharedRedisAsync();
        using var client = gateway.CreateClient();
        var key = Requests.NewKey();
        var body = Requests.CreatePipeline(key);
        await AbandonClaimAsync(gateway, key, body, lease: TimeSpan.FromMilliseconds(800));

        using var retry = await client.SendAsync(Requests.Post("/pipelines/from-intent", body));

        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.False(retry.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(1, Upstream.SideEffects.Count("pipelines.create"));
    }

    private Task<GatewayHost> StartGatewayOnSharedRedisAsync() => StartGatewayAsync(GatewayHost.OnRedis(redis.ConnectionString, _keyPrefix));

    /// <summary>Takes the claim a crashed instance would have left: the same record id and fingerprint, never completed.</summary>
    private static async Task AbandonClaimAsync(GatewayHost gateway, string key, string body, TimeSpan lease)
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.Authorization = GatewayHost.DefaultCredential;
        var scope = await new CredentialScopeResolver("Authorization").ResolveAsync(context);
        var id = RecordId.Create(scope!, "POST", "/pipelines/from-intent", key);
        var fingerprint = RequestFingerprinter.Compute(System.Text.Encoding.UTF8.GetBytes(body), bodyIsJsonObject: true, "idempotency_key", string.Empty);
        var store = (IIdempotencyStore)gateway.Services.GetService(typeof(IIdempotencyStore))!;

        var begin = await store.BeginAsync(id, fingerprint, lease, rememberLapsedFor: null, CancellationToken.None);

        Assert.Equal(BeginOutcome.Claimed, begin.Outcome);
    }
}
