using System.Text;
using WhetGateway.Tests.Infrastructure;

namespace WhetGateway.Tests.Gateway;

/// <summary>
/// A record's endpoint is what the route matched, not how the request spelled it: a retry whose method or path is
/// spelled otherwise, but reaches the same endpoint, replays the original instead of running a second time.
/// </summary>
public sealed class EndpointSpellingTests : GatewayTestBase
{
    [Theory]
    [InlineData("post", "/pipelines/from-intent")]
    [InlineData("POST", "/PIPELINES/From-Intent")]
    [InlineData("POST", "/pipelines/%66rom-intent")]
    [InlineData("POST", "/pipelines/from-intent/")]
    [InlineData("Post", "/Pipelines/from%2Dintent/")]
    public async Task A_retry_spelled_otherwise_replays_the_original(string method, string path)
    {
        var body = Requests.CreatePipeline(Requests.NewKey());

        var original = await SendAsync("POST", "/pipelines/from-intent", body);
        var retry = await SendAsync(method, path, body);

        Assert.Equal(201, original.Status);
        Assert.Contains("\r\nIdempotent-Replayed: true", retry.Head, StringComparison.Ordinal);
        Assert.Equal(original.Body, retry.Body);
        Assert.Equal(1, Executions());
    }

    [Fact]
    public async Task Two_resource_ids_that_differ_only_in_case_are_two_endpoints()
    {
        var body = """{"text":"hello","idempotency_key":"KEY""" + Requests.NewKey() + "\"}";

        var lower = await SendAsync("POST", "/posts/post_a/draft", body);
        var upper = await SendAsync("POST", "/posts/POST_A/draft", body);

        Assert.Equal(200, lower.Status);
        Assert.Equal(200, upper.Status);
        Assert.DoesNotContain("Idempotent-Replayed", upper.Head, StringComparison.Ordinal);
        Assert.Equal(2, Executions("posts.draft"));
    }

    private Task<RawResponse> SendAsync(string method, string path, string json)
    {
        var body = Encoding.UTF8.GetBytes(json);
        var head = $"{method} {path} HTTP/1.1\r\nHost: gateway\r\nAuthorization: {GatewayHost.DefaultCredential}\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: {body.Length}\r\n\r\n";
        return RawHttp.SendAsync(Gateway.Address, [.. Encoding.ASCII.GetBytes(head), .. body]);
    }
}
