using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using WhetGateway.Tests.Gateway;
using WhetGateway.Tests.Infrastructure;

namespace WhetGateway.Tests.Scoping;

/// <summary>
/// What the gateway keeps and logs: hashes of keys and credentials, never the raw values, and never the session
/// secrets a response hands out in <c>Set-Cookie</c> or in a header the policy excludes.
/// </summary>
[Collection(SharedRedisCollection.Name)]
public sealed class SensitiveDataTests(SharedRedis redis) : GatewayTestBase
{
    private const string SessionHeader = "X-Session-Token";

    private readonly string _keyPrefix = $"test:{Guid.NewGuid():N}:";
    private readonly ConcurrentQueue<string> _logs = new();

    protected override IReadOnlyDictionary<string, string?> SettingOverrides => new Dictionary<string, string?>(TestTokens.JwtScope())
    {
        ["Idempotency:Store:Provider"] = "Redis",
        ["Idempotency:Store:Redis:Configuration"] = redis.ConnectionString,
        ["Idempotency:Store:Redis:KeyPrefix"] = _keyPrefix,
        [$"Idempotency:Policies:{GatewayHost.Policy}:ExcludedResponseHeaders:0"] = SessionHeader,
        ["Logging:LogLevel:Default"] = "Trace",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
        ["Logging:LogLevel:Yarp"] = "Trace",
    };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Gateway.Services.GetRequiredService<ILoggerFactory>().AddProvider(new LogCapture(_logs));
    }

    [Fact]
    public async Task A_header_the_policy_excludes_is_never_replayed_and_the_others_are()
    {
        var (first, replay) = await ConnectAccountTwiceAsync(TestTokens.Bearer("org_a"), Requests.NewKey());

        Assert.True(first.Headers.Contains(SessionHeader));
        Assert.True(replay.Headers.Contains("Idempotent-Replayed"));
        Assert.False(replay.Headers.Contains(SessionHeader));
        Assert.False(replay.Headers.Contains("Set-Cookie"));
        Assert.Equal(first.Headers.Location, replay.Headers.Location);
    }

    [Fact]
    public async Task Redis_holds_no_raw_key_no_raw_token_and_no_session_secret()
    {
        var secrets = await SendTrafficAsync();

        var stored = await ReadEverythingStoredAsync();

        Assert.NotEmpty(stored);
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(stored, entry => entry.Contains(secret, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task The_logs_hold_no_raw_key_and_no_raw_token_even_at_trace_level()
    {
        var secrets = await SendTrafficAsync();

        Assert.NotEmpty(_logs);
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(_logs, entry => entry.Contains(secret, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task The_gateways_own_logs_name_a_deleted_resource_by_a_digest_never_by_its_path()
    {
        var token = TestTokens.Bearer("org_a");
        using var created = await CreatePipelineAsAsync(Requests.NewKey(), ("Authorization", token));
        var runId = (await created.ReadJsonAsync()).GetProperty("run_id").GetString()!;
        using var deleted = await AnonymousClient.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"/runs/{runId}") { Headers = { { "Authorization", token } } });

        Assert.Equal(System.Net.HttpStatusCode.NoContent, deleted.StatusCode);
        var gatewayLogs = _logs.Where(entry => entry.StartsWith("WhetGateway.", StringComparison.Ordinal)).ToList();
        Assert.Contains(gatewayLogs, entry => entry.Contains("idempotency record(s) now answer 404", StringComparison.Ordinal));
        Assert.DoesNotContain(gatewayLogs, entry => entry.Contains(runId, StringComparison.Ordinal));
    }

    /// <summary>Valid, invalid and replayed traffic; returns the values that must never be kept: keys, tokens, session secrets.</summary>
    private async Task<string[]> SendTrafficAsync()
    {
        var token = TestTokens.Bearer("org_a");
        var forged = TestTokens.Bearer("org_a", signingKey: TestTokens.OtherSigningKey);
        var pipelineKey = Requests.NewKey();
        var accountKey = Requests.NewKey();

        using var created = await CreatePipelineAsAsync(pipelineKey, ("Authorization", token));
        using var replayed = await CreatePipelineAsAsync(pipelineKey, ("Authorization", token));
        using var refused = await CreatePipelineAsAsync(pipelineKey, ("Authorization", forged));
        var (account, _) = await ConnectAccountTwiceAsync(token, accountKey);

        Assert.True(replayed.Headers.Contains("Idempotent-Replayed"));
        var session = account.Headers.GetValues(SessionHeader).Single();
        return [pipelineKey, accountKey, Jwt(token), Jwt(forged), session];
    }

    private async Task<(HttpResponseMessage First, HttpResponseMessage Replay)> ConnectAccountTwiceAsync(string credential, string key)
    {
        var body = $$"""{"provider":"github","idempotency_key":"{{key}}"}""";
        var first = await AnonymousClient.SendAsync(Requests.Post("/accounts/connect", body, ("Authorization", credential)));
        var replay = await AnonymousClient.SendAsync(Requests.Post("/accounts/connect", body, ("Authorization", credential)));
        return (first, replay);
    }

    /// <summary>Every key name under this test's prefix and every value, whatever its type, as text.</summary>
    private async Task<List<string>> ReadEverythingStoredAsync()
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var database = connection.GetDatabase();
        var stored = new List<string>();
        foreach (var server in connection.GetServers())
        {
            await foreach (var key in server.KeysAsync(pattern: _keyPrefix + "*"))
            {
                stored.Add(key.ToString());
                var values = await database.KeyTypeAsync(key) switch
                {
                    RedisType.String => [await database.StringGetAsync(key)],
                    RedisType.SortedSet => await database.SortedSetRangeByRankAsync(key),
                    RedisType.Set => await database.SetMembersAsync(key),
                    RedisType.Hash => (await database.HashGetAllAsync(key)).SelectMany(entry => new[] { entry.Name, entry.Value }).ToArray(),
                    RedisType.List => await database.ListRangeAsync(key),
                    var other => throw new InvalidOperationException($"Unexpected Redis type {other} at {key}."),
                };
                stored.AddRange(values.Select(value => Encoding.UTF8.GetString((byte[])value!)));
            }
        }

        return stored;
    }

    private static string Jwt(string bearer) => bearer["Bearer ".Length..];
}
