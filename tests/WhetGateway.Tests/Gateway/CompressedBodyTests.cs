using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using WhetGateway.Tests.Infrastructure;
using Xunit.Abstractions;

namespace WhetGateway.Tests.Gateway;

/// <summary>
/// A request body sent with a <c>Content-Encoding</c> (gzip, deflate, br, at most two stacked) is decoded to read its
/// key and fingerprint its payload, then forwarded as it came; what decoding may cost is bounded before it starts.
/// (Other decoding failures are in the hostile-input corpus.) These tests measure CPU time, so they run alone.
/// </summary>
[Collection(CpuCostCollection.Name)]
public sealed class CompressedBodyTests(ITestOutputHelper output) : ScriptedUpstreamTestBase(listening: true)
{
    /// <summary>The gateway's default <c>MaxRequestBodyBytes</c>.</summary>
    private const int MaxBodyBytes = 1024 * 1024;

    [Fact]
    public async Task A_gzip_body_is_keyed_by_the_key_inside_so_its_retry_is_replayed()
    {
        var body = Requests.CreatePipeline(Requests.NewKey());
        using var first = await Client.SendAsync(Encoded(Compression.Gzip(Encoding.UTF8.GetBytes(body)), "gzip"));
        using var retry = await Client.SendAsync(Encoded(Compression.Gzip(Encoding.UTF8.GetBytes(body)), "gzip"));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.True(retry.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(1, Upstream.Executions);
    }

    [Fact]
    public async Task The_same_payload_compressed_and_plain_is_one_request()
    {
        var body = Requests.CreatePipeline(Requests.NewKey());
        using var compressed = await Client.SendAsync(Encoded(Compression.Gzip(Encoding.UTF8.GetBytes(body)), "gzip"));
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

    [Fact]
    public async Task A_body_with_two_stacked_codings_is_keyed_by_the_key_inside_so_its_retry_is_replayed()
    {
        var encoded = Compression.Brotli(Compression.Gzip(Encoding.UTF8.GetBytes(Requests.CreatePipeline(Requests.NewKey()))));
        using var first = await Client.SendAsync(Encoded(encoded, "gzip, br"));
        using var retry = await Client.SendAsync(Encoded(encoded, "gzip, br"));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.True(retry.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(1, Upstream.Executions);
    }

    [Fact]
    public async Task A_body_of_1500_stacked_codings_is_refused_415_within_a_fraction_of_a_second_of_CPU_and_never_forwarded()
    {
        // Each layer is a stored deflate stream, so undoing one costs as much as the whole body: 1,500 times.
        var intent = new string('i', 680_000);
        var bomb = Compression.GzipStoredLayers(Encoding.UTF8.GetBytes(Requests.CreatePipeline(Requests.NewKey(), intent)), 1500);
        Assert.InRange(bomb.Length, 700_000, MaxBodyBytes);

        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        using var response = await Client.SendAsync(Encoded(bomb, string.Join(", ", Enumerable.Repeat("gzip", 1500))));
        clock.Stop();
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;
        output.WriteLine($"{bomb.Length} bytes, 1500 layers: {(int)response.StatusCode}, {cpu.TotalMilliseconds:F0} ms CPU, {clock.Elapsed.TotalMilliseconds:F0} ms wall");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("unsupported_content_encoding", await response.ReadErrorTypeAsync());
        Assert.Equal(0, Upstream.Executions);
        Assert.InRange(cpu, TimeSpan.Zero, TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task A_body_whose_two_layers_together_decode_to_more_than_the_cap_is_refused_413_and_never_forwarded()
    {
        // Stored layers: each decodes to about 600 KB, under the 1 MiB cap alone, over it together.
        var payload = Encoding.UTF8.GetBytes(Requests.CreatePipeline(Requests.NewKey(), new string('i', 600_000)));
        var encoded = Compression.GzipStoredLayers(payload, 2);

        using var response = await Client.SendAsync(Encoded(encoded, "gzip, gzip"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("payload_too_large", await response.ReadErrorTypeAsync());
        Assert.Equal(0, Upstream.Executions);
    }

    private static HttpRequestMessage Encoded(byte[] body, string contentEncoding)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        content.Headers.TryAddWithoutValidation("Content-Encoding", contentEncoding);
        return new HttpRequestMessage(HttpMethod.Post, "/pipelines/from-intent") { Content = content };
    }
}
