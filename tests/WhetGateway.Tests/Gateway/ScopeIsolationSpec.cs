using System.Net;
using WhetGateway.Tests.Infrastructure;
using WhetGateway.Tests.Shapes;

namespace WhetGateway.Tests.Gateway;

/// <summary>Keys are scoped by caller: nobody is ever handed another caller's response.</summary>
public abstract class ScopeIsolationSpec : IdempotentApiTestBase
{
    [Fact]
    public async Task The_same_key_under_two_credentials_executes_twice_and_each_replays_its_own()
    {
        var key = Requests.NewKey();
        using var alice = Api.CreateClient("Bearer alice");
        using var bob = Api.CreateClient("Bearer bob");
        var body = Requests.CreatePipeline(key);

        using var aliceFirst = await alice.SendAsync(Requests.Post("/pipelines/from-intent", body));
        using var bobFirst = await bob.SendAsync(Requests.Post("/pipelines/from-intent", body));
        using var aliceReplay = await alice.SendAsync(Requests.Post("/pipelines/from-intent", body));
        using var bobReplay = await bob.SendAsync(Requests.Post("/pipelines/from-intent", body));

        Assert.NotEqual(await aliceFirst.Content.ReadAsStringAsync(), await bobFirst.Content.ReadAsStringAsync());
        Assert.Equal(await aliceFirst.Content.ReadAsStringAsync(), await aliceReplay.Content.ReadAsStringAsync());
        Assert.Equal(await bobFirst.Content.ReadAsStringAsync(), await bobReplay.Content.ReadAsStringAsync());
        Assert.Equal(2, Executions());
    }

    [Fact]
    public async Task A_caller_without_a_credential_is_never_replayed()
    {
        var key = Requests.NewKey();
        using var anonymous = Api.CreateClient(credential: null);
        using var first = await anonymous.SendAsync(Requests.Post("/pipelines/from-intent", Requests.CreatePipeline(key)));
        using var second = await anonymous.SendAsync(Requests.Post("/pipelines/from-intent", Requests.CreatePipeline(key)));

        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.False(second.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(2, Executions());
    }
}
