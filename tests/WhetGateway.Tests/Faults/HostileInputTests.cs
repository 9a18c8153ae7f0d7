using System.Globalization;
using System.Net;
using System.Text.Json;
using WhetGateway.Tests.Infrastructure;

namespace WhetGateway.Tests.Faults;

/// <summary>
/// The hostile-input corpus through a real gateway, one raw request a case, on a route of every policy kind: the
/// gateway never answers 5xx for a client's fault (nor a JSON-RPC error saying so), never logs an unhandled error,
/// keeps serving, and never forwards a request whose key (or the body or framing carrying it) it had to refuse.
/// </summary>
public sealed class HostileInputTests(HostileInputFixture fixture) : IClassFixture<HostileInputFixture>
{
    public static IEnumerable<object[]> Corpus =>
        Enum.GetValues<HostileRoute>().SelectMany(route => HostileCorpus.Names.Select(name => new object[] { route, name[0] }));

    [Theory]
    [MemberData(nameof(Corpus))]
    public async Task A_hostile_request_is_refused_or_answered_never_with_a_server_error_and_a_refused_key_never_reaches_the_upstream(HostileRoute route, string name)
    {
        var hostile = HostileCorpus.Cases[name];
        var label = $"{route}/{name}";
        var expectation = hostile.ExpectationOn(route);
        var errorsBefore = fixture.Errors.Entries.Count;

        var response = await RawHttp.SendAsync(fixture.Gateway.Address, hostile.RequestTo(HostileInputFixture.PathOf(route), label), hostile.HalfClose);
        var forwarded = fixture.Upstream.RequestsLabelled(label);
        using var client = fixture.Gateway.CreateClient();
        using var stillServing = await client.GetAsync("/healthz");

        // A client that closed its side before its body was whole has nobody left to answer. On an MCP route the
        // gateway answers a problem as a JSON-RPC error that carries the status.
        var status = response.Status ?? (hostile.HalfClose ? 400 : 0);
        var problemStatus = route == HostileRoute.Mcp ? JsonRpcErrorStatus(response.Body) ?? status : status;
        var answer = $"{label}: {response.Status?.ToString(CultureInfo.InvariantCulture) ?? "no answer"} {Truncate(response.Body)}";
        Assert.True(status is >= 200 and < 500 && problemStatus < 500, answer);
        Assert.True(expectation != HostileExpectation.Replayed || status is >= 200 and < 300, answer);
        Assert.True(expectation is HostileExpectation.Answered or HostileExpectation.Replayed || problemStatus >= 400, answer);
        Assert.True(expectation is HostileExpectation.Answered or HostileExpectation.Replayed || forwarded == 0, $"{answer} (forwarded {forwarded}×)");
        Assert.True(errorsBefore == fixture.Errors.Entries.Count, string.Join(Environment.NewLine, fixture.Errors.Entries.Skip(errorsBefore)));
        Assert.Equal(HttpStatusCode.OK, stillServing.StatusCode);
        if (expectation == HostileExpectation.Replayed)
        {
            var again = await RawHttp.SendAsync(fixture.Gateway.Address, hostile.RequestTo(HostileInputFixture.PathOf(route), label + "/again"), hostile.HalfClose);
            Assert.Contains("\r\nIdempotent-Replayed: true", again.Head, StringComparison.Ordinal);
            Assert.Equal(0, fixture.Upstream.RequestsLabelled(label + "/again"));
        }
    }

    /// <summary>The status a gateway's JSON-RPC error carries in <c>error.data.status</c>, if the body is one.</summary>
    private static int? JsonRpcErrorStatus(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object
                && error.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object
                && data.TryGetProperty("status", out var status) && status.TryGetInt32(out var code)
                ? code
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Truncate(string text) => text.Length > 300 ? text[..300] + "…" : text;
}
