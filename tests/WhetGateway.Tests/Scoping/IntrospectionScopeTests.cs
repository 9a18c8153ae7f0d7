using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WhetGateway.Tests.Infrastructure;

namespace WhetGateway.Tests.Scoping;

/// <summary>
/// Scope by the organization the sample API's <c>/auth/introspect</c> names for the caller's token: cached per token,
/// one call for concurrent first requests, a failing or slow endpoint costs no replay and no stall, a token that gets
/// no scope is not asked about again for a while, and calls in flight are bounded. The caches run on the gateway's
/// clock, which the tests that age them drive by hand.
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
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var gateway = await StartGatewayAsync(Introspecting(Upstream.Address + "auth/introspect", ("CacheDuration", "00:01:00")), clock);
        using var client = gateway.CreateClient(TestTokens.Bearer("org_a"));

        await AssertAskedOnceWithinAsync(TimeSpan.FromMinutes(1), client, clock);
    }

    [Theory]
    [InlineData("auth/introspect", null)]
    [InlineData("auth/introspect?fail=503", "org_a")]
    public async Task A_token_that_got_no_scope_is_asked_about_once_per_negative_cache_duration(string endpoint, string? organization)
    {
        // No organization: a valid token the sample calls inactive. "?fail=503": the call fails.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var gateway = await StartGatewayAsync(Introspecting(Upstream.Address + endpoint), clock);
        using var client = gateway.CreateClient(TestTokens.Bearer(organization));

        await AssertAskedOnceWithinAsync(TimeSpan.FromSeconds(10), client, clock);
    }

    [Fact]
    public async Task Calls_in_flight_are_bounded_and_a_token_needing_one_more_gets_no_scope_at_once()
    {
        await using var gateway = await StartGatewayAsync(Introspecting(Upstream.Address + "auth/introspect?delay_ms=5000", ("MaxConcurrentCalls", "2"), ("Timeout", "00:00:30")));
        using var client = gateway.CreateClient(credential: null);
        Task<HttpResponseMessage> Send(string organization) =>
            client.SendAsync(Requests.Post("/pipelines/from-intent", Requests.CreatePipeline(Requests.NewKey()), ("Authorization", TestTokens.Bearer(organization))));

        var held = new[] { Send("org_held_1"), Send("org_held_2") };
        await WaitForIntrospectionsAsync(2);
        var turnedAway = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Send($"org_new_{i}")));

        Assert.All(turnedAway, response => Assert.Equal(HttpStatusCode.Created, response.StatusCode));
        Assert.Equal(2, Upstream.Introspections.Calls);
        Assert.DoesNotContain(held, request => request.IsCompleted);
        Assert.All(await Task.WhenAll(held), response => Assert.Equal(HttpStatusCode.Created, response.StatusCode));
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

    /// <summary>
    /// Requests from <paramref name="client"/> up to just before <paramref name="lifetime"/> has passed on the
    /// gateway's clock make one call; the first request after it makes another.
    /// </summary>
    private async Task AssertAskedOnceWithinAsync(TimeSpan lifetime, HttpClient client, FakeTimeProvider clock)
    {
        for (var i = 0; i < 3; i++)
        {
            await AskAsync(client);
        }

        clock.Advance(lifetime - TimeSpan.FromSeconds(1));
        await AskAsync(client);
        Assert.Equal(1, Upstream.Introspections.Calls);

        clock.Advance(TimeSpan.FromSeconds(2));
        await AskAsync(client);
        Assert.Equal(2, Upstream.Introspections.Calls);
    }

    /// <summary>Sends one request, which resolves the caller's scope (asking the endpoint or not) before it is answered.</summary>
    private static async Task AskAsync(HttpClient client)
    {
        using var response = await client.CreatePipelineAsync();
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    /// <summary>Waits until <paramref name="calls"/> introspection calls have reached the endpoint (counted as they arrive).</summary>
    private async Task WaitForIntrospectionsAsync(int calls)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (Upstream.Introspections.Calls < calls)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{Upstream.Introspections.Calls} of {calls} introspection calls arrived");
            await Task.Delay(20);
        }
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
