using System.Net;
using WhetGateway.Tests.Infrastructure;

namespace WhetGateway.Tests.Gateway;

/// <summary>
/// What an executed request sends upstream and what its record keeps, seen at a scripted upstream: the recorded bytes
/// must suit every retry, a replay is dated when it is sent, and a redirect is an answer like any other.
/// </summary>
public sealed class RecordedResponseTests() : ScriptedUpstreamTestBase(listening: true)
{
    private const string StaleDate = "Tue, 01 Jan 2019 00:00:00 GMT";

    [Fact]
    public async Task An_executed_request_reaches_the_upstream_without_its_Accept_Encoding()
    {
        using var response = await Client.SendAsync(Requests.Post("/pipelines/from-intent", Requests.CreatePipeline(Requests.NewKey()), ("Accept-Encoding", "gzip, br")));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.DoesNotContain("Accept-Encoding", Assert.Single(Upstream.RequestHeads), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_replay_is_dated_when_it_is_sent_not_when_the_original_was()
    {
        Upstream.AnswerNext("201 Created", $"Date: {StaleDate}");
        var body = Requests.CreatePipeline(Requests.NewKey());
        using var first = await Client.SendAsync(Requests.Post("/pipelines/from-intent", body));
        using var replay = await Client.SendAsync(Requests.Post("/pipelines/from-intent", body));

        Assert.Equal(DateTimeOffset.Parse(StaleDate, System.Globalization.CultureInfo.InvariantCulture), first.Headers.Date);
        Assert.True(replay.Headers.Contains("Idempotent-Replayed"));
        Assert.InRange(replay.Headers.Date!.Value, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(5));
    }

    [Fact]
    public async Task A_redirect_is_recorded_and_replayed()
    {
        Upstream.AnswerNext("303 See Other", "Location: /pipelines/pl_1");
        using var client = GatewayClients.Create(Gateway.Address, GatewayHost.DefaultCredential, followRedirects: false);
        var body = Requests.CreatePipeline(Requests.NewKey());
        using var first = await client.SendAsync(Requests.Post("/pipelines/from-intent", body));
        using var replay = await client.SendAsync(Requests.Post("/pipelines/from-intent", body));

        Assert.Equal(HttpStatusCode.SeeOther, first.StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, replay.StatusCode);
        Assert.True(replay.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(first.Headers.Location, replay.Headers.Location);
        Assert.Equal(1, Upstream.Executions);
    }
}
