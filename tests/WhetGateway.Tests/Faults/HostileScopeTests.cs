using System.Text;
using WhetGateway.Tests.Infrastructure;

namespace WhetGateway.Tests.Faults;

/// <summary>
/// Odd credentials never let one caller see another's record: the same key and body under two credentials that
/// differ in any way (case, spacing, scheme, one character of a long token, bytes Kestrel refuses) run apart, and a
/// request whose credential cannot identify a caller is never replayed.
/// </summary>
public sealed class HostileScopeTests(HostileInputFixture fixture) : IClassFixture<HostileInputFixture>
{
    private static readonly string LongToken = new('t', 8000);

    public static IEnumerable<object[]> CredentialPairs =>
    [
        ["Bearer alice", "Bearer bob"],
        ["Bearer alice", "bearer alice"],
        ["Bearer alice", "Bearer  alice"],
        ["Bearer alice", "Basic YWxpY2U6"],
        ["Bearer alice", "Bearer alice, Bearer bob"],
        ["Bearer a\tb", "Bearer a b"],
        [$"Bearer {LongToken}", $"Bearer {LongToken[..^1]}u"],
        // The second as one Latin-1 byte, which Kestrel refuses; then as UTF-8 (Latin-1 spells its bytes here), which
        // Kestrel takes and the forwarder cannot send on. Neither may find the plain spelling's record.
        ["Bearer cafe", "Bearer caf\u00e9"],
        ["Bearer cafe", "Bearer caf\u00c3\u00a9"],
    ];

    public static IEnumerable<object[]> Anonymous =>
    [
        [new[] { "Authorization: " }],
        [new[] { "Authorization:    " }],
        [new[] { "Authorization: Bearer alice", "Authorization: Bearer alice" }],
        [Array.Empty<string>()],
    ];

    [Theory]
    [MemberData(nameof(CredentialPairs))]
    public async Task The_same_key_under_two_different_credentials_is_never_replayed_across_them(string first, string second)
    {
        var body = Encoding.UTF8.GetBytes(Requests.CreatePipeline(Requests.NewKey()));

        var original = await SendAsync(body, $"Authorization: {first}");
        var other = await SendAsync(body, $"Authorization: {second}");
        var again = await SendAsync(body, $"Authorization: {first}");

        Assert.True(original.Status == 201, $"{first} was refused, so nothing was recorded to leak: {original.Head}");
        Assert.False(IsReplay(other), $"{second} got a replay of {first}'s record: {other.Head}");
        Assert.True(IsReplay(again) && again.Body == original.Body, $"{first} lost its own record: {again.Head}");
    }

    [Theory]
    [MemberData(nameof(Anonymous))]
    public async Task A_request_whose_credential_names_no_single_caller_is_never_replayed(string[] credentialHeaders)
    {
        var body = Encoding.UTF8.GetBytes(Requests.CreatePipeline(Requests.NewKey()));

        var first = await SendAsync(body, credentialHeaders);
        var second = await SendAsync(body, credentialHeaders);

        Assert.Equal(201, first.Status);
        Assert.Equal(201, second.Status);
        Assert.False(IsReplay(second));
        Assert.NotEqual(first.Body, second.Body);
    }

    private static bool IsReplay(RawResponse response) => response.Head.Contains("\r\nIdempotent-Replayed: true", StringComparison.OrdinalIgnoreCase);

    private Task<RawResponse> SendAsync(byte[] body, params string[] credentialHeaders)
    {
        var head = new StringBuilder($"POST /pipelines/from-intent HTTP/1.1\r\nHost: gateway\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: {body.Length}\r\n");
        foreach (var header in credentialHeaders)
        {
            head.Append(header).Append("\r\n");
        }

        return RawHttp.SendAsync(fixture.Gateway.Address, [.. Encoding.Latin1.GetBytes(head.Append("\r\n").ToString()), .. body]);
    }
}
