using System.Net;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using WhetGateway.Tests.Infrastructure;

namespace WhetGateway.Tests.Operations;

/// <summary>Under <c>AtMostOnce</c>, a retry answered 409 <c>outcome_unknown</c> is counted under its own outcome.</summary>
[Collection(TelemetryCollection.Name)]
public sealed class OutcomeUnknownTelemetryTests : IAsyncLifetime
{
    private const string Path = "/pipelines/from-intent";

    private readonly List<Metric> _metrics = [];
    private readonly ScriptedUpstream _upstream = ScriptedUpstream.Create();
    private GatewayHost _gateway = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _upstream.Start();
        var settings = GatewayHost.Settings(_upstream.Address, new Dictionary<string, string?>
        {
            [$"Idempotency:Policies:{GatewayHost.Policy}:UpstreamTimeout"] = "00:00:01",
            [$"Idempotency:Policies:{GatewayHost.Policy}:Guarantee"] = "AtMostOnce",
        });
        _gateway = await GatewayHost.StartAsync(settings, services => services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddInMemoryExporter(_metrics)));
        _client = _gateway.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _gateway.DisposeAsync();
        await _upstream.DisposeAsync();
    }

    [Fact]
    public async Task A_retry_after_a_timed_out_call_is_counted_as_outcome_unknown_in_the_requests_by_outcome()
    {
        _upstream.FailNext(UpstreamFault.Hang);
        var body = Requests.CreatePipeline(Requests.NewKey());

        using var timedOut = await _client.SendAsync(Requests.Post(Path, body));
        using var retry = await _client.SendAsync(Requests.Post(Path, body));
        _gateway.Services.GetRequiredService<MeterProvider>().ForceFlush();
        var counts = ExportedCounters.SumsBy(_metrics, "whet.idempotency.requests", "outcome");

        Assert.Equal(HttpStatusCode.Conflict, retry.StatusCode);
        Assert.Equal(1, counts.GetValueOrDefault("executed"));
        Assert.Equal(1, counts.GetValueOrDefault("outcome_unknown"));
    }
}
