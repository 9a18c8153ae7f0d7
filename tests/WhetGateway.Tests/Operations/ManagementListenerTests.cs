using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Configuration;
using WhetGateway.Hosting;
using WhetGateway.Tests.Gateway;
using WhetGateway.Tests.Infrastructure;

namespace WhetGateway.Tests.Operations;

/// <summary>
/// With <c>Management:Urls</c>, metrics, readiness and the operator API answer on the management listener only: on the
/// public listener their paths are proxied like any other, and the management listener answers nothing else.
/// </summary>
public sealed class ManagementListenerTests : UpstreamTestBase
{
    private const string Token = "operator-token-0123456789abcdef0123456789";

    private readonly int _managementPort = FreePorts.Any();
    private GatewayHost _gateway = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _gateway = await StartGatewayAsync(
            ("Management:Urls", ManagementUrl(_managementPort)),
            ("Idempotency:Admin:Enabled", "true"),
            ("Idempotency:Admin:Token", Token));
    }

    public override async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await base.DisposeAsync();
    }

    [Fact]
    public async Task Metrics_readiness_and_the_operator_API_answer_on_the_management_listener()
    {
        using var client = _gateway.CreateClient();
        using var management = _gateway.CreateManagementClient($"Bearer {Token}");
        var key = Requests.NewKey();
        using var created = await client.SendAsync(Requests.Post("/pipelines/from-intent", Requests.CreatePipeline(key)));

        var scrape = await management.GetStringAsync("/metrics");
        var readiness = await management.GetStringAsync("/readyz");
        using var lookup = await management.PostAsJsonAsync("/_whet/admin/records/lookup",
            new { scope = GatewayHost.DefaultCredential, path = "/pipelines/from-intent", key });

        Assert.Contains("whet_idempotency_requests_total", scrape, StringComparison.Ordinal);
        Assert.Equal("Healthy", readiness);
        Assert.Equal("completed", (await lookup.ReadJsonAsync()).GetProperty("state").GetString());
    }

    [Theory]
    [InlineData("GET", "/metrics")]
    [InlineData("GET", "/readyz")]
    [InlineData("POST", "/_whet/admin/records/lookup")]
    [InlineData("POST", "/_whet/admin/records/forget")]
    [InlineData("POST", "/_whet/admin/evictions")]
    public async Task On_the_public_listener_a_management_path_goes_to_the_upstream_like_any_other(string method, string path)
    {
        using var client = _gateway.CreateClient($"Bearer {Token}");
        var label = Guid.NewGuid().ToString("N");

        using var response = await client.SendAsync(Labelled(method, path, label));

        Assert.Equal(1, Upstream.RequestsLabelled(label));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_Host_header_naming_the_management_port_does_not_open_it_on_the_public_listener()
    {
        using var client = _gateway.CreateClient();
        var label = Guid.NewGuid().ToString("N");
        using var request = Labelled("GET", "/metrics", label);
        request.Headers.Host = $"127.0.0.1:{_managementPort.ToString(CultureInfo.InvariantCulture)}";

        using var response = await client.SendAsync(request);

        Assert.Equal(1, Upstream.RequestsLabelled(label));
        Assert.DoesNotContain("whet_idempotency", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_management_listener_proxies_nothing()
    {
        using var management = _gateway.CreateManagementClient(GatewayHost.DefaultCredential);
        var label = Guid.NewGuid().ToString("N");
        using var request = Labelled("POST", "/pipelines/from-intent", label);

        using var response = await management.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(0, Upstream.RequestsReceived);
    }

    [Fact]
    public async Task Liveness_answers_on_both_listeners()
    {
        using var client = _gateway.CreateClient();
        using var management = _gateway.CreateManagementClient();

        Assert.Equal("Healthy", await client.GetStringAsync("/healthz"));
        Assert.Equal("Healthy", await management.GetStringAsync("/healthz"));
        Assert.Equal(0, Upstream.RequestsReceived);
    }

    [Fact]
    public void A_management_URL_without_a_fixed_port_stops_the_start_naming_the_setting()
    {
        var failure = Assert.ThrowsAny<Exception>(() => GatewayHost.Build(GatewayHost.Settings(Upstream.Address,
            new Dictionary<string, string?> { ["Management:Urls"] = "http://127.0.0.1:0" })));

        Assert.Contains("Management:Urls entry 'http://127.0.0.1:0' needs a fixed TCP port", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_management_URL_on_a_public_port_stops_the_start_naming_the_setting()
    {
        var port = FreePorts.Any();

        var failure = Assert.ThrowsAny<Exception>(() => GatewayHost.Build(GatewayHost.Settings(Upstream.Address,
            new Dictionary<string, string?> { ["Management:Urls"] = ManagementUrl(port) }), configureServices: null, "--urls", ManagementUrl(port)));

        Assert.Contains("Management:Urls", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_management_URL_without_public_URLs_stops_the_start_asking_for_them()
    {
        var settings = GatewayHost.Settings(Upstream.Address, new Dictionary<string, string?> { ["Management:Urls"] = ManagementUrl(FreePorts.Any()) });

        var failure = Assert.ThrowsAny<Exception>(() => GatewayApplication.Create([], configuration => configuration.AddInMemoryCollection(settings)));

        Assert.Contains("Management:Urls needs the public URLs as well, given with --urls", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_misspelt_management_setting_stops_the_start_rather_than_leaving_the_endpoints_public()
    {
        var failure = Assert.ThrowsAny<Exception>(() => GatewayHost.Build(GatewayHost.Settings(Upstream.Address,
            new Dictionary<string, string?> { ["Management:Url"] = ManagementUrl(FreePorts.Any()) })));

        Assert.Contains("'Url'", failure.Message, StringComparison.Ordinal);
    }

    private static string ManagementUrl(int port) => $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>A request the upstream will count under <paramref name="label"/> if it ever arrives there.</summary>
    private static HttpRequestMessage Labelled(string method, string path, string label)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        request.Headers.Add(SampleApiHost.LabelHeader, label);
        if (method == "POST")
        {
            request.Content = JsonContent.Create(new { scope = GatewayHost.DefaultCredential, path = "/pipelines/from-intent", key = Requests.NewKey() });
        }

        return request;
    }
}
