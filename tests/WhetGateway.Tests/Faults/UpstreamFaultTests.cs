using System.Net;
using WhetGateway.Tests.Gateway;
using WhetGateway.Tests.Infrastructure;
using Xunit.Abstractions;

namespace WhetGateway.Tests.Faults;

/// <summary>
/// An upstream that refuses, resets or hangs gave no answer worth replaying: the claim is released and the client's
/// retry executes, once. (An upstream 503 is covered by the semantics spec on both stores.)
/// </summary>
public sealed class UpstreamFaultTests(ITestOutputHelper output) : ScriptedUpstreamTestBase(listening: false)
{
    /// <summary>The response started but ended early, or the connection dropped: the client cannot mistake it for an answer.</summary>
    private const string CutShort = "cut short";

    protected override IReadOnlyDictionary<string, string?> SettingOverrides => new Dictionary<string, string?>
    {
        [$"Idempotency:Policies:{GatewayHost.Policy}:UpstreamTimeout"] = "00:00:01",
    };

    [Theory]
    [InlineData(UpstreamFault.RefuseConnection, "502")]
    [InlineData(UpstreamFault.ResetBeforeResponse, "502")]
    [InlineData(UpstreamFault.ResetMidBody, CutShort)]
    [InlineData(UpstreamFault.Hang, "504 upstream_timeout")]
    public async Task After_an_upstream_fault_the_client_sees_a_gateway_error_the_claim_is_released_and_the_retry_executes_once(UpstreamFault fault, string seen)
    {
        if (fault != UpstreamFault.RefuseConnection)
        {
            Upstream.Start();
            Upstream.FailNext(fault);
        }

        var body = Requests.CreatePipeline(Requests.NewKey());
        var failed = await SendAsync(body);
        if (fault == UpstreamFault.RefuseConnection)
        {
            Upstream.Start();
        }

        var retry = await SendAsync(body);
        var replay = await SendAsync(body);
        output.WriteLine($"{fault}: the client saw {failed.Outcome}");

        Assert.Equal(seen, failed.Outcome);
        Assert.Equal(("201", false), (retry.Outcome, retry.Replayed));
        Assert.Equal(("201", true), (replay.Outcome, replay.Replayed));
        Assert.Equal(retry.Body, replay.Body);
        Assert.Equal(1, Upstream.Executions);
    }

    /// <summary>
    /// Sends and reads the whole answer, letting an answer the upstream holds mid-body be cut once its head is here;
    /// the outcome is the status, with the error type when the body is an error envelope. A response cut short or a
    /// dropped connection is an outcome too.
    /// </summary>
    private async Task<(string Outcome, bool Replayed, string Body)> SendAsync(string body)
    {
        try
        {
            using var response = await Client.SendAsync(Requests.Post("/pipelines/from-intent", body), HttpCompletionOption.ResponseHeadersRead);
            Upstream.CutMidBody();
            var content = await response.Content.ReadAsStringAsync();
            var status = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var outcome = Requests.ErrorTypeIn(content) is { } errorType ? $"{status} {errorType}" : status;
            return (outcome, response.Headers.Contains("Idempotent-Replayed"), content);
        }
        catch (HttpRequestException)
        {
            return (CutShort, false, string.Empty);
        }
    }
}
