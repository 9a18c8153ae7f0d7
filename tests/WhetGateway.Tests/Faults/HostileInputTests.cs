using System.Globalization;
using System.Net;
using WhetGateway.Tests.Infrastructure;

namespace WhetGateway.Tests.Faults;

/// <summary>
/// The hostile-input corpus through a real gateway, one raw request a case: the gateway never answers 5xx for a
/// client's fault, never logs an unhandled error, keeps serving, and never forwards a request whose key (or the body
/// or framing carrying it) it had to refuse.
/// </summary>
public sealed class HostileInputTests(HostileInputFixture fixture) : IClassFixture<HostileInputFixture>
{
    public static IEnumerable<object[]> Corpus => HostileCorpus.Names;

    [Theory]
    [MemberData(nameof(Corpus))]
    public async Task A_hostile_request_is_refused_or_answered_never_with_a_server_error_and_a_refused_key_never_reaches_the_upstream(string name)
    {
        var hostile = HostileCorpus.Cases[name];
        var errorsBefore = fixture.Errors.Entries.Count;

        var response = await RawHttp.SendAsync(fixture.Gateway.Address, hostile.Request, hostile.HalfClose);
        var forwarded = fixture.Upstream.RequestsLabelled(name);
        using var client = fixture.Gateway.CreateClient();
        using var stillServing = await client.GetAsync("/healthz");

        // A client that closed its side before its body was whole has nobody left to answer.
        var status = response.Status ?? (hostile.HalfClose ? 400 : 0);
        var answer = $"{name}: {response.Status?.ToString(CultureInfo.InvariantCulture) ?? "no answer"} {Truncate(response.Body)}";
        Assert.True(status is >= 200 and < 500, answer);
        Assert.True(hostile.Expectation == HostileExpectation.Answered || status >= 400, answer);
        Assert.True(hostile.Expectation == HostileExpectation.Answered || forwarded == 0, $"{answer} (forwarded {forwarded}×)");
        Assert.True(errorsBefore == fixture.Errors.Entries.Count, string.Join(Environment.NewLine, fixture.Errors.Entries.Skip(errorsBefore)));
        Assert.Equal(HttpStatusCode.OK, stillServing.StatusCode);
    }

    private static string Truncate(string text) => text.Length > 300 ? text[..300] + "…" : text;
}
