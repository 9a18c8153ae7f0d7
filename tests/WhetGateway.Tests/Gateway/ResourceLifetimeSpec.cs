using System.Net;
using WhetGateway.Tests.Infrastructure;
using WhetGateway.Tests.Shapes;

namespace WhetGateway.Tests.Gateway;

/// <summary>A record lives as long as the resource it created: once a DELETE succeeds, replays answer 404.</summary>
public abstract class ResourceLifetimeSpec : IdempotentApiTestBase
{
    /// <summary>Ties a post's drafts to the post, whose path the test knows before the draft is made.</summary>
    private static readonly Dictionary<string, string?> PostsAreResources = new()
    {
        [$"Idempotency:Policies:{AgentApiSettings.Policy}:Resources:2:Id"] = "post_id",
        [$"Idempotency:Policies:{AgentApiSettings.Policy}:Resources:2:Path"] = "/posts/{id}",
    };

    [Fact]
    public async Task After_the_resource_is_deleted_a_replay_answers_404_without_calling_upstream_and_a_new_key_creates_anew()
    {
        var key = Requests.NewKey();
        using var created = await CreatePipelineAsync(key);
        using var replay = await CreatePipelineAsync(key);
        using var deleted = await Client.DeleteAsync(created.Headers.Location);
        using var afterDelete = await CreatePipelineAsync(key);
        using var fresh = await CreatePipelineAsync(Requests.NewKey());

        Assert.Equal(await created.Content.ReadAsStringAsync(), await replay.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, afterDelete.StatusCode);
        Assert.Equal("not_found", await afterDelete.ReadErrorTypeAsync());
        Assert.Equal(HttpStatusCode.Created, fresh.StatusCode);
        Assert.NotEqual(created.Headers.Location, fresh.Headers.Location);
        Assert.Equal(2, Executions());
    }

    [Fact]
    public async Task A_record_tied_to_two_resources_is_tombstoned_by_deleting_either()
    {
        var key = Requests.NewKey();
        using var created = await CreatePipelineAsync(key);
        var runId = (await created.ReadJsonAsync()).GetProperty("run_id").GetString();
        using var deleted = await Client.DeleteAsync($"/runs/{runId}");
        using var replay = await CreatePipelineAsync(key);

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, replay.StatusCode);
        Assert.Equal(1, Executions());
    }

    [Fact]
    public async Task An_upstream_404_on_DELETE_evicts_nothing()
    {
        var key = Requests.NewKey();
        using var created = await CreatePipelineAsync(key);
        using var refused = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, created.Headers.Location) { Headers = { { "X-Sample-Fail", "404" } } });
        using var replay = await CreatePipelineAsync(key);

        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Created, replay.StatusCode);
        Assert.True(replay.Headers.Contains("Idempotent-Replayed"));
    }

    [Fact]
    public async Task An_upstream_410_on_DELETE_evicts_like_a_2xx()
    {
        var key = Requests.NewKey();
        using var created = await CreatePipelineAsync(key);
        using var gone = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, created.Headers.Location) { Headers = { { "X-Sample-Fail", "410" } } });
        using var replay = await CreatePipelineAsync(key);

        Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, replay.StatusCode);
        Assert.Equal("not_found", await replay.ReadErrorTypeAsync());
        Assert.Equal(1, Executions());
    }

    [Fact]
    public async Task With_TieLocation_and_no_Resources_a_DELETE_of_the_Location_tombstones_the_record()
    {
        await using var api = await StartApiAsync(new Dictionary<string, string?>
        {
            ["Idempotency:Policies:location-only:TieLocation"] = "true",
            ["ReverseProxy:Routes:from-intent:Metadata:IdempotencyPolicy"] = "location-only",
        });
        using var client = api.CreateClient();
        var body = Requests.CreatePipeline(Requests.NewKey());
        using var created = await client.SendAsync(Requests.Post("/pipelines/from-intent", body));
        using var deleted = await client.DeleteAsync(created.Headers.Location);
        using var replay = await client.SendAsync(Requests.Post("/pipelines/from-intent", body));

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, replay.StatusCode);
        Assert.Equal(1, Executions());
    }

    [Fact]
    public async Task A_DELETE_tombstones_the_deleting_scopes_record_of_a_resource_and_not_another_scopes_record_of_it()
    {
        await using var api = await StartApiAsync(PostsAreResources);
        using var alice = api.CreateClient("Bearer alice");
        using var bob = api.CreateClient("Bearer bob");
        var post = $"/posts/post_{Guid.NewGuid():N}";
        var body = Draft(Requests.NewKey());
        using var aliceDraft = await alice.SendAsync(Requests.Post($"{post}/draft", body));
        using var bobDraft = await bob.SendAsync(Requests.Post($"{post}/draft", body));
        using var deleted = await alice.DeleteAsync(post);
        using var aliceReplay = await alice.SendAsync(Requests.Post($"{post}/draft", body));
        using var bobReplay = await bob.SendAsync(Requests.Post($"{post}/draft", body));

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, aliceReplay.StatusCode);
        Assert.Equal(HttpStatusCode.OK, bobReplay.StatusCode);
        Assert.True(bobReplay.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(await bobDraft.Content.ReadAsStringAsync(), await bobReplay.Content.ReadAsStringAsync());
        Assert.Equal(2, Executions("posts.draft"));
    }

    [Fact]
    public async Task A_DELETE_confirmed_while_the_original_still_runs_leaves_the_originals_record_a_tombstone()
    {
        await using var api = await StartApiAsync(PostsAreResources);
        using var client = api.CreateClient();
        var post = $"/posts/post_{Guid.NewGuid():N}";
        var body = Draft(Requests.NewKey());
        var original = client.SendAsync(Requests.Post($"{post}/draft", body, (SampleApiHost.HoldHeader, "original")));
        await Upstream.WaitUntilHeldAsync("original");
        using var deleted = await client.DeleteAsync(post);
        Upstream.Release("original");
        using var originalResponse = await original;
        using var replay = await client.SendAsync(Requests.Post($"{post}/draft", body));

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, originalResponse.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, replay.StatusCode);
        Assert.Equal("not_found", await replay.ReadErrorTypeAsync());
        Assert.Equal(1, Executions("posts.draft"));
    }

    [Fact]
    public async Task Another_scopes_DELETE_that_the_upstream_confirms_leaves_the_record_intact()
    {
        // The sample API, like many, answers 204 to a DELETE from anyone: a blind 2xx proves nothing about who may delete.
        var key = Requests.NewKey();
        using var created = await CreatePipelineAsync(key);
        using var other = Api.CreateClient("Bearer someone-else");
        using var deletedByOther = await other.DeleteAsync(created.Headers.Location);
        using var replay = await CreatePipelineAsync(key);

        Assert.Equal(HttpStatusCode.NoContent, deletedByOther.StatusCode);
        Assert.Equal(HttpStatusCode.Created, replay.StatusCode);
        Assert.True(replay.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(await created.Content.ReadAsStringAsync(), await replay.Content.ReadAsStringAsync());
        Assert.Equal(1, Executions());
    }

    [Fact]
    public async Task A_DELETE_without_a_credential_leaves_the_record_intact()
    {
        var key = Requests.NewKey();
        using var created = await CreatePipelineAsync(key);
        using var deletedAnonymously = await AnonymousClient.DeleteAsync(created.Headers.Location);
        using var replay = await CreatePipelineAsync(key);

        Assert.Equal(HttpStatusCode.NoContent, deletedAnonymously.StatusCode);
        Assert.Equal(HttpStatusCode.Created, replay.StatusCode);
    }

    [Fact]
    public async Task With_EvictAcrossScopes_another_scopes_confirmed_DELETE_tombstones_the_record()
    {
        await using var api = await StartApiAsync(new Dictionary<string, string?>
        {
            [$"Idempotency:Policies:{AgentApiSettings.Policy}:EvictAcrossScopes"] = "true",
        });
        using var client = api.CreateClient();
        using var other = api.CreateClient("Bearer someone-else");
        var key = Requests.NewKey();
        using var created = await client.SendAsync(Requests.Post("/pipelines/from-intent", Requests.CreatePipeline(key)));
        using var deletedByOther = await other.DeleteAsync(created.Headers.Location);
        using var replay = await client.SendAsync(Requests.Post("/pipelines/from-intent", Requests.CreatePipeline(key)));

        Assert.Equal(HttpStatusCode.NoContent, deletedByOther.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, replay.StatusCode);
    }

    [Fact]
    public async Task A_resource_entry_may_let_any_caller_evict_while_the_policy_keeps_the_others_to_their_scope()
    {
        await using var api = await StartApiAsync(new Dictionary<string, string?>
        {
            [$"Idempotency:Policies:{AgentApiSettings.Policy}:Resources:1:EvictAcrossScopes"] = "true",
        });
        using var client = api.CreateClient();
        using var other = api.CreateClient("Bearer someone-else");
        var (pipelineKey, runKey) = (Requests.NewKey(), Requests.NewKey());
        using var pipeline = await client.SendAsync(Requests.Post("/pipelines/from-intent", Requests.CreatePipeline(pipelineKey)));
        using var run = await client.SendAsync(Requests.Post("/pipelines/from-intent", Requests.CreatePipeline(runKey)));
        var runId = (await run.ReadJsonAsync()).GetProperty("run_id").GetString();
        using var pipelineDeleted = await other.DeleteAsync(pipeline.Headers.Location);
        using var runDeleted = await other.DeleteAsync($"/runs/{runId}");
        using var pipelineReplay = await client.SendAsync(Requests.Post("/pipelines/from-intent", Requests.CreatePipeline(pipelineKey)));
        using var runReplay = await client.SendAsync(Requests.Post("/pipelines/from-intent", Requests.CreatePipeline(runKey)));

        Assert.Equal(HttpStatusCode.Created, pipelineReplay.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, runReplay.StatusCode);
    }

    [Theory]
    [InlineData("/pipelines/../pipelines/{0}")]
    [InlineData("/pipelines/./{0}/")]
    [InlineData("/%70ipelines/{0}")]
    [InlineData("/pipelines/{0}?cascade=true")]
    public async Task A_DELETE_spelled_otherwise_that_reaches_the_same_resource_evicts_it(string spelling)
    {
        var key = Requests.NewKey();
        using var created = await CreatePipelineAsync(key);
        var id = (await created.ReadJsonAsync()).GetProperty("pipeline_id").GetString();
        using var deleted = await Client.DeleteAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, spelling, id));
        using var replay = await CreatePipelineAsync(key);

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, replay.StatusCode);
    }

    [Fact]
    public async Task A_record_tied_to_a_resource_that_is_never_deleted_expires_after_thirty_days_by_default()
    {
        var key = Requests.NewKey();
        using var created = await CreatePipelineAsync(key);

        var state = await Api.InspectAsync(key);

        Assert.Equal("completed", state?.State);
        Assert.InRange(state!.ExpiresIn!.Value, TimeSpan.FromDays(30) - TimeSpan.FromMinutes(5), TimeSpan.FromDays(30));
    }

    [Fact]
    public async Task A_second_DELETE_of_the_same_resource_is_harmless()
    {
        var key = Requests.NewKey();
        using var created = await CreatePipelineAsync(key);
        using var first = await Client.DeleteAsync(created.Headers.Location);
        using var second = await Client.DeleteAsync(created.Headers.Location);
        using var replay = await CreatePipelineAsync(key);

        Assert.Equal(HttpStatusCode.NotFound, second.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, replay.StatusCode);
        Assert.Equal("not_found", await replay.ReadErrorTypeAsync());
        Assert.Equal(1, Executions());
    }

    private static string Draft(string key) => $$"""{"text":"hello","idempotency_key":"{{key}}"}""";
}
