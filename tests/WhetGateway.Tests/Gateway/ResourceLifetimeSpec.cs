using System.Net;
using WhetGateway.Tests.Infrastructure;

namespace WhetGateway.Tests.Gateway;

/// <summary>A record lives as long as the resource it created: once a DELETE succeeds, replays answer 404.</summary>
public abstract class ResourceLifetimeSpec : GatewayTestBase
{
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
    public async Task Deleting_the_resource_tombstones_the_records_of_every_scope_that_created_it()
    {
        var key = Requests.NewKey();
        using var created = await CreatePipelineAsync(key);
        using var other = Gateway.CreateClient("Bearer someone-else");
        using var deleted = await other.DeleteAsync(created.Headers.Location);
        using var replay = await CreatePipelineAsync(key);

        Assert.Equal(HttpStatusCode.NotFound, replay.StatusCode);
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
}
