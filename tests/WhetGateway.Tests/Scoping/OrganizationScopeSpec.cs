using System.Net;
using WhetGateway.Tests.Gateway;
using WhetGateway.Tests.Infrastructure;

namespace WhetGateway.Tests.Scoping;

/// <summary>
/// Isolation by organization, whichever source tells it: one execution per (organization, key), shared by every
/// caller of the organization, never handed to another organization, never to a caller whose organization is unknown.
/// </summary>
public abstract class OrganizationScopeSpec : GatewayTestBase
{
    /// <summary>The headers of a new caller (its own credential) in <paramref name="organization"/>.</summary>
    protected abstract (string Name, string Value)[] Caller(string organization);

    /// <summary>The headers of a caller whose organization the source cannot tell.</summary>
    protected abstract (string Name, string Value)[] CallerWithoutOrganization();

    [Fact]
    public async Task The_same_key_in_two_organizations_executes_twice_and_each_organization_replays_its_own()
    {
        var key = Requests.NewKey();
        var orgA = Caller("org_a");
        var orgB = Caller("org_b");

        using var firstA = await CreatePipelineAsAsync(key, orgA);
        using var firstB = await CreatePipelineAsAsync(key, orgB);
        using var replayA = await CreatePipelineAsAsync(key, orgA);
        using var replayB = await CreatePipelineAsAsync(key, orgB);

        Assert.Equal(2, Executions());
        Assert.NotEqual(await firstA.Content.ReadAsStringAsync(), await firstB.Content.ReadAsStringAsync());
        Assert.Equal(await firstA.Content.ReadAsStringAsync(), await replayA.Content.ReadAsStringAsync());
        Assert.Equal(await firstB.Content.ReadAsStringAsync(), await replayB.Content.ReadAsStringAsync());
        Assert.True(replayA.Headers.Contains("Idempotent-Replayed"));
        Assert.True(replayB.Headers.Contains("Idempotent-Replayed"));
    }

    [Fact]
    public async Task Two_callers_of_one_organization_share_one_execution_and_both_get_its_response()
    {
        var key = Requests.NewKey();

        using var first = await CreatePipelineAsAsync(key, Caller("org_a"));
        using var colleague = await CreatePipelineAsAsync(key, Caller("org_a"));

        Assert.Equal(1, Executions());
        Assert.True(colleague.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(await first.Content.ReadAsStringAsync(), await colleague.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_caller_whose_organization_cannot_be_told_is_never_replayed()
    {
        var key = Requests.NewKey();
        using var original = await CreatePipelineAsAsync(key, Caller("org_a"));
        var unknown = CallerWithoutOrganization();

        using var first = await CreatePipelineAsAsync(key, unknown);
        using var second = await CreatePipelineAsAsync(key, unknown);

        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        Assert.False(second.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(3, Executions());
    }
}
