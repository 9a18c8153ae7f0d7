using System.Net;
using WhetGateway.Tests.Infrastructure;

namespace WhetGateway.Tests.Scoping;

/// <summary>
/// Scope by the organization the sample API's <c>/auth/introspect</c> names for the caller's token: cached per token,
/// one call for concurrent first requests, and a failing or slow endpoint costs no replay and no stall.
/// </summary>
public sealed class IntrospectionScopeTests : OrganizationScopeSpec
{
    /// <summary>
    /// How long a request may wait on an endpoint that never answers, its 300 ms <c>Timeout</c> and all: far more
    /// than a busy machine needs, far less than the 100 s an unbounded call would take.
    /// </summary>
    private static readonly TimeSpan SilenceBound = TimeSpan.FromSeconds(10);

    protected override string[] UpstreamArguments => [TestTokens.SampleApiArgument];

    protected override IReadOnlyDictionary<string, string?> SettingOverrides => Introspecting(Upstream.Address + "auth/introspect");

    protected override (string Name, string Value)[] Caller(string organization) => [("Authorization", TestTokens.Bearer(organization))];

    protected override (string Name, string Value)[] CallerWithoutOrganization() => [("Authorization", TestTokens.Bearer(organization: null))];

    [Fact]
    public async Task The_endpoint_is_asked_once_per_token_within_the_cache_duration()
    {
        var caller = Caller("org_a");

        for (var i = 0; i < 3; i++)
        {
            using var response = await CreatePipelineAsAsync(Requests.NewKey(), caller);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }

        Assert.Equal(1, Upstream.Introspections.Calls);
    }

    [Fact]
    public async Task Concurrent_first_requests_with_one_token_share_one_introspection_call()
    {
        await using var gateway = await StartGatewayAsync(Introspecting(Upstream.Address + "auth/introspect?delay_ms=300"));
        using var client = gateway.CreateClient(TestTokens.Bearer("org_a"));

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => client.CreatePipelineAsync()));

        Assert.All(responses, response => Assert.Equal(HttpStatusCode.Created, response.StatusCode));
        Assert.Equal(1, Upstream.Introspections.Calls);
    }

    [Fact]
    public async Task The_endpoint_is_asked_again_once_the_cache_duration_has_passed()
    {
        await using var gateway = await StartGatewayAsync(Introspecting(Upstream.Address + "auth/introspect", ("CacheDuration", "00:00:00.200")));
        using var client = gateway.CreateClient(TestTokens.Bearer("org_a"));

        using var first = await client.CreatePipelineAsync();
        await Task.Delay(TimeSpan.FromMilliseconds(600));
        using var later = await client.CreatePipelineAsync();

        Assert.Equal(2, Upstream.Introspections.Calls);
    }

    [Theory]
    [InlineData("auth/no-such-endpoint")]
    [InlineData("http://127.0.0.1:9/auth/introspect")]
    [InlineData("_sample/stats")]
    public async Task A_failing_endpoint_gives_no_replay_and_the_backend_still_answers(string endpoint)
    {
        await using var gateway = await StartGatewayAsync(Introspecting(new Uri(Upstream.Address, endpoint).ToString()));
        using var client = gateway.CreateClient(TestTokens.Bearer("org_a"));
        var body = Requests.CreatePipeline(Requests.NewKey());

        using var first = await client.CreatePipelineAsync(body);
        using var retry = await client.CreatePipelineAsync(body);

        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.False(retry.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(2, Executions());
    }

    [Fact]
    public async Task A_silent_endpoint_holds_a_request_no_longer_than_the_timeout_and_gives_no_replay()
    {
        await using var silent = ScriptedUpstream.Create();
        silent.Start();
        silent.FailNext(UpstreamFault.Hang);
        silent.FailNext(UpstreamFault.Hang);
        await using var gateway = await StartGatewayAsync(Introspecting(silent.Address + "auth/introspect", ("Timeout", "00:00:00.300")));
        using var client = gateway.CreateClient(TestTokens.Bearer("org_a"));
        var body = Requests.CreatePipeline(Requests.NewKey());

        using var first = await client.CreatePipelineAsync(body).WaitAsync(SilenceBound);
        using var retry = await client.CreatePipelineAsync(body).WaitAsync(SilenceBound);

        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.False(retry.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(2, Executions());
    }

    [Fact]
    public async Task A_failed_introspection_is_not_cached()
    {
        await using var gateway = await StartGatewayAsync(Introspecting(Upstream.Address + "auth/introspect?delay_ms=2500", ("Timeout", "00:00:01")));
        using var client = gateway.CreateClient(TestTokens.Bearer("org_a"));

        using var first = await client.CreatePipelineAsync();
        using var second = await client.CreatePipelineAsync();

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (Upstream.Introspections.Calls < 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.Equal(2, Upstream.Introspections.Calls);
    }

    private static Dictionary<string, string?> Introspecting(string endpoint, params (string Key, string Value)[] settings)
    {
        var overrides = new Dictionary<string, string?>
        {
            ["Idempotency:Scope:Source"] = "Introspection",
            ["Idempotency:Scope:Introspection:Endpoint"] = endpoint,
            ["Idempotency:Scope:Introspection:OrganizationPath"] = "organization.id",
        };
        foreach (var (key, value) in settings)
        {
            overrides[$"Idempotency:Scope:Introspection:{key}"] = value;
        }

        return overrides;
    }
}
