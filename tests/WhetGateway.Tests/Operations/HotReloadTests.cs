using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WhetGateway.Tests.Gateway;
using WhetGateway.Tests.Infrastructure;

namespace WhetGateway.Tests.Operations;

/// <summary>Editing the --config file applies to new requests without a restart; a broken edit changes nothing.</summary>
public sealed class HotReloadTests : UpstreamTestBase
{
    private readonly string _configFile = Path.Combine(Path.GetTempPath(), $"whet-reload-{Guid.NewGuid():N}.json");

    public override async Task DisposeAsync()
    {
        File.Delete(_configFile);
        await base.DisposeAsync();
    }

    [Fact]
    public async Task A_changed_policy_applies_to_new_requests_without_a_restart()
    {
        await using var gateway = await StartWithConfigFileAsync(maxRequestBodyBytes: 100_000, minKeyLength: 16);
        using var client = gateway.CreateClient();

        WriteConfig(maxRequestBodyBytes: 100, minKeyLength: 16);
        var status = await PollAsync(client, HttpStatusCode.RequestEntityTooLarge);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
    }

    [Fact]
    public async Task A_broken_edit_is_refused_and_the_last_good_policy_keeps_serving()
    {
        var errors = new ErrorLogCollector();
        await using var gateway = await StartWithConfigFileAsync(maxRequestBodyBytes: 100_000, minKeyLength: 16, errors);
        using var client = gateway.CreateClient();

        // A good edit first, so a broken one that changes nothing cannot pass for an edit never reloaded.
        WriteConfig(maxRequestBodyBytes: 100_000, minKeyLength: 40);
        var afterGoodEdit = await PollAsync(client, HttpStatusCode.BadRequest);
        WriteConfig(maxRequestBodyBytes: 100_000, minKeyLength: 500);
        await WaitForRefusalAsync(errors, "MinKeyLength (500)");
        var key = Requests.NewKey() + Requests.NewKey();
        using var first = await client.SendAsync(Requests.Post("/pipelines/from-intent", Requests.CreatePipeline(key)));
        using var replay = await client.SendAsync(Requests.Post("/pipelines/from-intent", Requests.CreatePipeline(key)));
        using var shortKey = await client.SendAsync(Requests.Post("/pipelines/from-intent", Requests.CreatePipeline(Requests.NewKey())));

        Assert.Equal(HttpStatusCode.BadRequest, afterGoodEdit);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.True(replay.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(HttpStatusCode.BadRequest, shortKey.StatusCode);
    }

    private Task<GatewayHost> StartWithConfigFileAsync(int maxRequestBodyBytes, int minKeyLength, ErrorLogCollector? errors = null)
    {
        WriteConfig(maxRequestBodyBytes, minKeyLength);
        return GatewayHost.StartAsync(
            new Dictionary<string, string?>(),
            errors is null ? null : services => services.AddLogging(logging => logging.AddProvider(errors)),
            "--config",
            _configFile);
    }

    /// <summary>Waits until the gateway has logged that it refused an edit, for a reason that quotes <paramref name="reason"/>.</summary>
    private static async Task WaitForRefusalAsync(ErrorLogCollector errors, string reason)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!errors.Entries.Any(entry => entry.Contains("change refused", StringComparison.Ordinal) && entry.Contains(reason, StringComparison.Ordinal)))
        {
            Assert.True(DateTime.UtcNow < deadline, $"the gateway never refused an edit for {reason}: {string.Join(Environment.NewLine, errors.Entries)}");
            await Task.Delay(50);
        }
    }

    private void WriteConfig(int maxRequestBodyBytes, int minKeyLength)
    {
        var settings = GatewayHost.Settings(Upstream.Address, new Dictionary<string, string?>
        {
            [$"Idempotency:Policies:{GatewayHost.Policy}:MaxRequestBodyBytes"] = maxRequestBodyBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [$"Idempotency:Policies:{GatewayHost.Policy}:MinKeyLength"] = minKeyLength.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        ConfigFiles.Write(_configFile, settings);
    }

    private static async Task<HttpStatusCode> PollAsync(HttpClient client, HttpStatusCode wanted)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            using var response = await client.SendAsync(Requests.Post("/pipelines/from-intent", Requests.CreatePipeline(Requests.NewKey())));
            if (response.StatusCode == wanted || DateTime.UtcNow > deadline)
            {
                return response.StatusCode;
            }

            await Task.Delay(200);
        }
    }
}
