using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WhetGateway.Tests.Gateway;
using WhetGateway.Tests.Infrastructure;

namespace WhetGateway.Tests.Faults;

/// <summary>
/// Under <c>Guarantee: AtMostOnce</c>, a call that may have acted upstream is never run again: its key answers 409
/// <c>outcome_unknown</c> until an operator forgets it. A call that provably never left, or whose upstream answered
/// a status the policy releases on, is still retried. It runs once per store.
/// </summary>
public abstract class AtMostOnceUpstreamFaultSpec() : ScriptedUpstreamTestBase(listening: false)
{
    private const string OperatorToken = "operator-token-0123456789abcdef0123456789";
    private const string Path = "/pipelines/from-intent";

    /// <summary>Settings that put the gateway on the store under test; none for the in-memory default.</summary>
    protected virtual IReadOnlyDictionary<string, string?> StoreSettings => new Dictionary<string, string?>();

    protected sealed override IReadOnlyDictionary<string, string?> SettingOverrides => new Dictionary<string, string?>(StoreSettings)
    {
        [$"Idempotency:Policies:{GatewayHost.Policy}:UpstreamTimeout"] = "00:00:01",
        [$"Idempotency:Policies:{GatewayHost.Policy}:Guarantee"] = "AtMostOnce",
        ["Idempotency:Admin:Enabled"] = "true",
        ["Idempotency:Admin:Token"] = OperatorToken,

        // Every request's outcome is an Information event.
        ["Logging:LogLevel:WhetGateway"] = "Information",
    };

    [Theory]
    [InlineData(UpstreamFault.Hang)]
    [InlineData(UpstreamFault.ResetBeforeResponse)]
    [InlineData(UpstreamFault.ResetMidBody)]
    public async Task After_a_call_that_may_have_acted_upstream_every_retry_answers_409_outcome_unknown_without_calling_it(UpstreamFault fault)
    {
        Upstream.Start();
        Upstream.FailNext(fault);
        var body = Requests.CreatePipeline(Requests.NewKey());

        await SendAsync(body);
        using var retry = await Client.SendAsync(Requests.Post(Path, body));
        using var again = await Client.SendAsync(Requests.Post(Path, body));

        Assert.Equal(HttpStatusCode.Conflict, retry.StatusCode);
        Assert.Equal("outcome_unknown", await retry.ReadErrorTypeAsync());
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(0, Upstream.Executions);
    }

    [Fact]
    public async Task The_client_of_a_timed_out_call_still_gets_504_upstream_timeout()
    {
        Upstream.Start();
        Upstream.FailNext(UpstreamFault.Hang);

        using var timedOut = await Client.SendAsync(Requests.Post(Path, Requests.CreatePipeline(Requests.NewKey())));

        Assert.Equal(HttpStatusCode.GatewayTimeout, timedOut.StatusCode);
        Assert.Equal("upstream_timeout", await timedOut.ReadErrorTypeAsync());
    }

    [Fact]
    public async Task A_refused_connection_never_reached_the_upstream_so_the_retry_runs_once()
    {
        var body = Requests.CreatePipeline(Requests.NewKey());

        using var refused = await Client.SendAsync(Requests.Post(Path, body));
        Upstream.Start();
        using var retry = await Client.SendAsync(Requests.Post(Path, body));
        using var replay = await Client.SendAsync(Requests.Post(Path, body));

        Assert.Equal(HttpStatusCode.BadGateway, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.True(replay.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(1, Upstream.Executions);
    }

    [Theory]
    [InlineData("422 Unprocessable Entity")]
    [InlineData("503 Service Unavailable")]
    public async Task An_answer_the_policy_releases_on_is_a_known_outcome_so_the_key_is_released_and_the_retry_runs_upstream_again(string statusLine)
    {
        Upstream.Start();
        Upstream.AnswerNext(statusLine);
        var body = Requests.CreatePipeline(Requests.NewKey());

        using var released = await Client.SendAsync(Requests.Post(Path, body));
        using var retry = await Client.SendAsync(Requests.Post(Path, body));

        Assert.Equal(statusLine, $"{(int)released.StatusCode} {released.ReasonPhrase}");
        Assert.Equal(2, Upstream.Executions);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
    }

    [Fact]
    public async Task After_an_operator_forgets_an_outcome_unknown_key_the_next_retry_runs_once()
    {
        Upstream.Start();
        Upstream.FailNext(UpstreamFault.Hang);
        var key = Requests.NewKey();
        var body = Requests.CreatePipeline(key);
        using var admin = Gateway.CreateClient($"Bearer {OperatorToken}");

        using var timedOut = await Client.SendAsync(Requests.Post(Path, body));
        using var unknown = await Client.SendAsync(Requests.Post(Path, body));
        using var forgotten = await admin.PostAsJsonAsync("/_whet/admin/records/forget", new { scope = GatewayHost.DefaultCredential, method = "POST", path = Path, key });
        using var retry = await Client.SendAsync(Requests.Post(Path, body));

        Assert.Equal(HttpStatusCode.Conflict, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, forgotten.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(1, Upstream.Executions);
    }

    [Fact]
    public async Task A_timed_out_call_logs_its_outcome_unknown_and_its_retry_is_logged_with_the_outcome_unknown_outcome_each_under_its_event_id()
    {
        var logs = new ConcurrentQueue<string>();
        Gateway.Services.GetRequiredService<ILoggerFactory>().AddProvider(new LogCapture(logs));
        Upstream.Start();
        Upstream.FailNext(UpstreamFault.Hang);
        var body = Requests.CreatePipeline(Requests.NewKey());

        using var timedOut = await Client.SendAsync(Requests.Post(Path, body));
        using var retry = await Client.SendAsync(Requests.Post(Path, body));

        Assert.Contains(logs, entry => entry.Contains("Warning The outcome of", StringComparison.Ordinal) && entry.Contains("upstream timeout", StringComparison.Ordinal)
            && entry.Contains("event_id=9", StringComparison.Ordinal));
        Assert.Contains(logs, entry => entry.Contains("Idempotency outcome_unknown for record", StringComparison.Ordinal) && entry.Contains("event_id=1", StringComparison.Ordinal));
    }

    /// <summary>Sends and reads the whole answer, which a fault may cut short.</summary>
    private async Task SendAsync(string body)
    {
        try
        {
            using var response = await Client.SendAsync(Requests.Post(Path, body));
            await response.Content.ReadAsStringAsync();
        }
        catch (HttpRequestException)
        {
            // A response cut short is what the fault makes.
        }
    }
}
