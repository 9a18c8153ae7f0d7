using System.Net;
using System.Net.Http.Headers;
using System.Text;
using WhetGateway.Tests.Infrastructure;

namespace WhetGateway.Tests.Gateway;

/// <summary>
/// A request body sent with a <c>Content-Encoding</c> (gzip, deflate, br) is decoded to read its key and fingerprint
/// its payload, then forwarded as it came. (Decoding failures and bombs are in the hostile-input corpus.)
/// </summary>
public sealed class CompressedBodyTests : IAsyncLifetime
{
    private readonly ScriptedUpstream _upstream = ScriptedUpstream.Create();
    private GatewayHost _gateway = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _upstream.Start();
        _gateway = await GatewayHost.StartAsync(GatewayHost.Settings(_upstream.Address));
        _client = _gateway.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _gateway.DisposeAsync();
        await _upstream.DisposeAsync();
    }

    [Fact]
    public async Task A_gzip_body_is_keyed_by_the_key_inside_so_its_retry_is_replayed()
    {
        var body = Requests.CreatePipeline(Requests.NewKey());
        using var first = await _client.SendAsync(Compressed(body));
        using var retry = await _client.SendAsync(Compressed(body));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.True(retry.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(1, _upstream.Executions);
    }

    [Fact]
    public async Task The_same_payload_compressed_and_plain_is_one_request()
    {
        var body = Requests.CreatePipeline(Requests.NewKey());
        using var compressed = await _client.SendAsync(Compressed(body));
        using var plain = await _client.SendAsync(Requests.Post("/pipelines/from-intent", body));

        Assert.True(plain.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(await compressed.Content.ReadAsStringAsync(), await plain.Content.ReadAsStringAsync());
        Assert.Equal(1, _upstream.Executions);
    }

    private static HttpRequestMessage Compressed(string json)
    {
        var content = new ByteArrayContent(Compression.Gzip(Encoding.UTF8.GetBytes(json)));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        content.Headers.ContentEncoding.Add("gzip");
        return new HttpRequestMessage(HttpMethod.Post, "/pipelines/from-intent") { Content = content };
    }
}
