using System.Net;
using System.Text;
using System.Text.Json;
using WhetGateway.Tests.Infrastructure;

namespace WhetGateway.Tests.Gateway;

/// <summary>
/// On a route whose policy covers the path, the methods the policy does not list (it lists POST by default) pass
/// through untouched: a key in their body is neither honoured nor checked, and each request runs upstream.
/// </summary>
public sealed class MethodsOutsideThePolicyTests : UpstreamTestBase
{
    private const string ValidKey = "5b1f0c9e7a2d4c8b9e6f3a1d0c7b4e2a";
    private const string InvalidKey = "short";

    /// <param name="method">A method the policy does not list.</param>
    /// <param name="key">What the body carries as its key: one the policy would take, or one it would refuse.</param>
    /// <param name="first">The upstream's answer to the first request.</param>
    /// <param name="second">Its answer to the same request again: a DELETE finds nothing left to delete.</param>
    /// <param name="sideEffects">The side effects the two requests executed upstream (a GET has none, a second DELETE finds nothing).</param>
    [Theory]
    [InlineData("GET", ValidKey, HttpStatusCode.OK, HttpStatusCode.OK, 0)]
    [InlineData("GET", InvalidKey, HttpStatusCode.OK, HttpStatusCode.OK, 0)]
    [InlineData("PATCH", ValidKey, HttpStatusCode.OK, HttpStatusCode.OK, 2)]
    [InlineData("PATCH", InvalidKey, HttpStatusCode.OK, HttpStatusCode.OK, 2)]
    [InlineData("DELETE", ValidKey, HttpStatusCode.NoContent, HttpStatusCode.NotFound, 1)]
    [InlineData("DELETE", InvalidKey, HttpStatusCode.NoContent, HttpStatusCode.NotFound, 1)]
    public async Task A_method_outside_the_policy_runs_upstream_every_time_whatever_key_it_carries(
        string method, string key, HttpStatusCode first, HttpStatusCode second, int sideEffects)
    {
        await using var gateway = await StartGatewayAsync(
            ("ReverseProxy:Routes:pipeline:ClusterId", "legacy"),
            ("ReverseProxy:Routes:pipeline:Match:Path", "/pipelines/{id}"),
            ("ReverseProxy:Routes:pipeline:Metadata:IdempotencyPolicy", GatewayHost.Policy));
        using var client = gateway.CreateClient();
        using var created = await client.CreatePipelineAsync();
        var label = Requests.NewKey();

        using var once = await client.SendAsync(Keyed(method, created.Headers.Location!, key, label));
        using var again = await client.SendAsync(Keyed(method, created.Headers.Location!, key, label));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal((first, second), (once.StatusCode, again.StatusCode));
        Assert.False(once.Headers.Contains("Idempotent-Replayed") || again.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(2, Upstream.RequestsLabelled(label));
        Assert.Equal(1 + sideEffects, Upstream.SideEffects.Total);
    }

    private static HttpRequestMessage Keyed(string method, Uri location, string key, string label) =>
        new(new HttpMethod(method), location)
        {
            Content = new StringContent(JsonSerializer.Serialize(new { intent = "weekly", idempotency_key = key }), Encoding.UTF8, "application/json"),
            Headers = { { SampleApiHost.LabelHeader, label } },
        };
}
