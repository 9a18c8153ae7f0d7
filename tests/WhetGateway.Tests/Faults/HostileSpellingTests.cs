using System.Text;
using WhetGateway.Tests.Infrastructure;

namespace WhetGateway.Tests.Faults;

/// <summary>Spelling a request differently on the wire (JSON escapes, chunked framing) does not make it another request.</summary>
public sealed class HostileSpellingTests(HostileInputFixture fixture) : IClassFixture<HostileInputFixture>
{
    [Fact]
    public async Task A_key_and_key_field_written_in_unicode_escapes_replay_the_plain_spelling()
    {
        var key = Requests.NewKey();
        var escapedKey = string.Concat(key.Select(c => $"\\u{(int)c:x4}"));

        var plain = await SendAsync(Encoding.UTF8.GetBytes($$"""{"handle":"h","intent":"daily","idempotency_key":"{{key}}"}"""), chunked: false);
        var escaped = await SendAsync(Encoding.UTF8.GetBytes($$"""{"handle":"h","intent":"d\u0061ily","idempotency\u005fkey":"{{escapedKey}}"}"""), chunked: false);

        Assert.Equal(201, plain.Status);
        Assert.Contains("\r\nIdempotent-Replayed: true", escaped.Head, StringComparison.Ordinal);
        Assert.Equal(plain.Body, escaped.Body);
    }

    [Fact]
    public async Task A_chunked_request_replays_the_same_request_sent_with_a_length()
    {
        var body = Encoding.UTF8.GetBytes(Requests.CreatePipeline(Requests.NewKey()));

        var withLength = await SendAsync(body, chunked: false);
        var chunked = await SendAsync(body, chunked: true);

        Assert.Equal(201, withLength.Status);
        Assert.Contains("\r\nIdempotent-Replayed: true", chunked.Head, StringComparison.Ordinal);
        Assert.Equal(withLength.Body, chunked.Body);
    }

    private Task<RawResponse> SendAsync(byte[] body, bool chunked)
    {
        var framing = chunked ? "Transfer-Encoding: chunked" : $"Content-Length: {body.Length}";
        byte[] payload = chunked ? [.. Encoding.ASCII.GetBytes($"{body.Length / 2:x}\r\n"), .. body[..(body.Length / 2)], .. Encoding.ASCII.GetBytes($"\r\n{body.Length - (body.Length / 2):x}\r\n"), .. body[(body.Length / 2)..], .. "\r\n0\r\n\r\n"u8.ToArray()] : body;
        var head = $"POST /pipelines/from-intent HTTP/1.1\r\nHost: gateway\r\nAuthorization: {GatewayHost.DefaultCredential}\r\nContent-Type: application/json\r\nConnection: close\r\n{framing}\r\n\r\n";
        return RawHttp.SendAsync(fixture.Gateway.Address, [.. Encoding.ASCII.GetBytes(head), .. payload]);
    }
}
