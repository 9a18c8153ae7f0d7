using System.Net;
using System.Net.Http.Headers;
using System.Text;
using WhetGateway.Tests.Infrastructure;

namespace WhetGateway.Tests.Gateway;

/// <summary>
/// A request body sent with a <c>Content-Encoding</c> (gzip, deflate, br) is decoded to read its key and fingerprint
/// its payload, then forwarded as it came. (Decoding failures and bombs are in the hostile-input corpus.)
/// </summary>
public sealed class CompressedBodyTests() : ScriptedUpstreamTestBase(listening: true)
{
    [Fact]
    public async Task A_gzip_body_is_keyed_by_the_key_inside_so_its_retry_is_replayed()
    {
        var body = Requests.CreatePipeline(Requests.NewKey());
        using var first = await Client.SendAsync(Compressed(body));
        using var retry = await Client.SendAsync(Compressed(body));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.True(retry.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(1, Upstream.Executions);
    }

    [Fact]
    public async Task The_same_payload_compressed_and_plain_is_one_request()
    {
        var body = Requests.CreatePipeline(Requests.NewKey());
        using var compressed = await Client.SendAsync(Compressed(body));
        using var plain = await Client.SendAsync(Requests.Post("/pipelines/from-intent", body));

        Assert.True(plain.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(await compressed.Content.ReadAsStringAsync(), await plain.Content.ReadAsStringAsync());
        Assert.Equal(1, Upstream.Executions);
    }

    [Fact]
    public async Task A_body_in_a_coding_the_gateway_cannot_decode_answers_415_naming_the_codings_it_can()
    {
        var content = new StringContent(Requests.CreatePipeline(Requests.NewKey()), Encoding.UTF8, "application/json");
        content.Headers.ContentEncoding.Add("zstd");
        using var response = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/pipelines/from-intent") { Content = content });

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("unsupported_content_encoding", await response.ReadErrorTypeAsync());
        Assert.Equal("gzip, deflate, br", string.Join(", ", response.Headers.GetValues("Accept-Encoding")));
        Assert.Empty(Upstream.RequestHeads);
    }

    private static HttpRequestMessage Compressed(string json)
    {
        var content = new ByteArrayContent(Compression.Gzip(Encoding.UTF8.GetBytes(json)));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        content.Headers.ContentEncoding.Add("gzip");
        return new HttpRequestMessage(HttpMethod.Post, "/pipelines/from-intent") { Content = content };
    }
}
