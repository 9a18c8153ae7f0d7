using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WhetGateway.Tests.Infrastructure;

namespace WhetGateway.Tests.Gateway;

/// <summary>
/// The in-memory store at its size limit fails closed for new keys, as for a store outage, and keeps replaying the
/// records retries rely on: on real Kestrel, in front of the sample API.
/// </summary>
public sealed class InMemoryStoreLimitTests : UpstreamTestBase
{
    private const int SizeLimitBytes = 64 * 1024;
    private readonly ConcurrentQueue<string> _logs = new();
    private GatewayHost _gateway = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _gateway = await StartGatewayAsync(("Idempotency:Store:InMemory:SizeLimitBytes", SizeLimitBytes.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        _gateway.Services.GetRequiredService<ILoggerFactory>().AddProvider(new LogCapture(_logs));
    }

    public override async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await base.DisposeAsync();
    }

    [Fact]
    public async Task A_full_store_answers_503_to_a_new_key_without_calling_the_upstream_and_still_replays_a_recorded_key()
    {
        using var client = _gateway.CreateClient();
        var recorded = Requests.CreatePipeline(Requests.NewKey());
        using var first = await client.SendAsync(Requests.Post("/pipelines/from-intent", recorded, ("X-Sample-Response-Bytes", "100000")));

        using var newKey = await client.SendAsync(Requests.Post("/pipelines/from-intent", Requests.CreatePipeline(Requests.NewKey())));
        using var replay = await client.SendAsync(Requests.Post("/pipelines/from-intent", recorded));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, newKey.StatusCode);
        Assert.Equal("idempotency_unavailable", await newKey.ReadErrorTypeAsync());
        Assert.NotNull(newKey.Headers.RetryAfter);
        Assert.Equal(1, Upstream.SideEffects.Count("pipelines.create"));
        Assert.Equal(HttpStatusCode.Created, replay.StatusCode);
        Assert.True(replay.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(await first.Content.ReadAsByteArrayAsync(), await replay.Content.ReadAsByteArrayAsync());
        Assert.Contains(_logs, entry => entry.Contains("Warning Idempotency store unavailable", StringComparison.Ordinal)
            && entry.Contains("in-memory idempotency store is full", StringComparison.Ordinal));
    }
}
