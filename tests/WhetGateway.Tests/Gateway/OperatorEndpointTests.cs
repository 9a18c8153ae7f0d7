using System.Net;
using System.Net.Http.Json;
using WhetGateway.Tests.Infrastructure;

namespace WhetGateway.Tests.Gateway;

/// <summary>The operator endpoints: evict resources deleted elsewhere, look up and forget keys named in a POST body; operators only.</summary>
public sealed class OperatorEndpointTests : UpstreamTestBase
{
    private const string Token = "operator-token-0123456789abcdef0123456789";
    private const string LookupPath = "/_whet/admin/records/lookup";
    private const string ForgetPath = "/_whet/admin/records/forget";

    [Fact]
    public async Task An_operator_eviction_makes_replays_answer_404()
    {
        await using var gateway = await StartGatewayAsync(enabled: true);
        using var client = gateway.CreateClient();
        using var admin = gateway.CreateClient($"Bearer {Token}");
        var body = Requests.CreatePipeline(Requests.NewKey());

        using var created = await client.SendAsync(Requests.Post("/pipelines/from-intent", body));
        using var evicted = await admin.PostAsJsonAsync("/_whet/admin/evictions", new { path = created.Headers.Location!.ToString() });
        using var replay = await client.SendAsync(Requests.Post("/pipelines/from-intent", body));

        Assert.Equal(HttpStatusCode.OK, evicted.StatusCode);
        Assert.Equal(1, (await evicted.ReadJsonAsync()).GetProperty("tombstoned").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, replay.StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer not-the-operator-token-0123456789abcdef")]
    public async Task An_eviction_without_the_operator_token_is_refused(string? credential)
    {
        await using var gateway = await StartGatewayAsync(enabled: true);
        using var client = gateway.CreateClient();
        using var stranger = gateway.CreateClient(credential);
        var body = Requests.CreatePipeline(Requests.NewKey());

        using var created = await client.SendAsync(Requests.Post("/pipelines/from-intent", body));
        using var refused = await stranger.PostAsJsonAsync("/_whet/admin/evictions", new { path = created.Headers.Location!.ToString() });
        using var replay = await client.SendAsync(Requests.Post("/pipelines/from-intent", body));

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.True(replay.Headers.Contains("Idempotent-Replayed"));
    }

    [Fact]
    public async Task A_completed_record_shows_its_state_status_and_size_but_never_its_body()
    {
        await using var gateway = await StartGatewayAsync(enabled: true);
        using var client = gateway.CreateClient();
        using var admin = gateway.CreateClient($"Bearer {Token}");
        var key = Requests.NewKey();
        using var created = await client.SendAsync(Requests.Post("/pipelines/from-intent", Requests.CreatePipeline(key)));
        var body = await created.Content.ReadAsStringAsync();

        using var inspected = await admin.PostAsJsonAsync(LookupPath, Lookup(key));
        var text = await inspected.Content.ReadAsStringAsync();
        var state = await inspected.ReadJsonAsync();

        Assert.Equal("completed", state.GetProperty("state").GetString());
        Assert.Equal(201, state.GetProperty("status").GetInt32());
        Assert.Equal(body.Length, state.GetProperty("body_bytes").GetInt64());
        Assert.DoesNotContain((await created.ReadJsonAsync()).GetProperty("pipeline_id").GetString()!, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_claim_still_running_shows_as_in_flight()
    {
        await using var gateway = await StartGatewayAsync(enabled: true);
        using var client = gateway.CreateClient();
        using var admin = gateway.CreateClient($"Bearer {Token}");
        var key = Requests.NewKey();
        var running = client.SendAsync(Requests.Post("/pipelines/from-intent", Requests.CreatePipeline(key), (SampleApiHost.HoldHeader, "original")));
        await Upstream.WaitUntilHeldAsync("original");

        using var inspected = await admin.PostAsJsonAsync(LookupPath, Lookup(key));
        Upstream.Release("original");
        using var completed = await running;

        Assert.Equal("in_flight", (await inspected.ReadJsonAsync()).GetProperty("state").GetString());
    }

    [Fact]
    public async Task Forgetting_a_key_lets_its_next_request_run_again()
    {
        await using var gateway = await StartGatewayAsync(enabled: true);
        using var client = gateway.CreateClient();
        using var admin = gateway.CreateClient($"Bearer {Token}");
        var key = Requests.NewKey();
        using var first = await client.SendAsync(Requests.Post("/pipelines/from-intent", Requests.CreatePipeline(key)));

        using var forgotten = await admin.PostAsJsonAsync(ForgetPath, Lookup(key));
        using var again = await client.SendAsync(Requests.Post("/pipelines/from-intent", Requests.CreatePipeline(key)));
        using var gone = await admin.PostAsJsonAsync(ForgetPath, Lookup(Requests.NewKey()));

        Assert.Equal(HttpStatusCode.NoContent, forgotten.StatusCode);
        Assert.False(again.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(2, Upstream.SideEffects.Count("pipelines.create"));
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task A_tenant_token_cannot_read_records()
    {
        await using var gateway = await StartGatewayAsync(enabled: true);
        using var client = gateway.CreateClient();
        var key = Requests.NewKey();
        using var created = await client.SendAsync(Requests.Post("/pipelines/from-intent", Requests.CreatePipeline(key)));

        using var refused = await client.PostAsJsonAsync(LookupPath, Lookup(key));

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task A_lookup_without_a_method_looks_up_the_POST()
    {
        await using var gateway = await StartGatewayAsync(enabled: true);
        using var client = gateway.CreateClient();
        using var admin = gateway.CreateClient($"Bearer {Token}");
        var key = Requests.NewKey();
        using var created = await client.SendAsync(Requests.Post("/pipelines/from-intent", Requests.CreatePipeline(key)));

        using var inspected = await admin.PostAsJsonAsync(LookupPath, new { scope = GatewayHost.DefaultCredential, path = "/pipelines/from-intent", key });

        Assert.Equal("completed", (await inspected.ReadJsonAsync()).GetProperty("state").GetString());
    }

    [Theory]
    [InlineData("scope")]
    [InlineData("path")]
    [InlineData("key")]
    public async Task A_lookup_without_a_required_field_is_refused_naming_it(string field)
    {
        await using var gateway = await StartGatewayAsync(enabled: true);
        using var admin = gateway.CreateClient($"Bearer {Token}");
        var lookup = new Dictionary<string, string?> { ["scope"] = GatewayHost.DefaultCredential, ["path"] = "/pipelines/from-intent", ["key"] = Requests.NewKey() };
        lookup.Remove(field);

        using var refused = await admin.PostAsJsonAsync(LookupPath, lookup);
        var error = (await refused.ReadJsonAsync()).GetProperty("error");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("validation_failed", error.GetProperty("type").GetString());
        Assert.Equal(field, error.GetProperty("param").GetString());
    }

    [Theory]
    [InlineData("{\"scope\":")]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("[\"Bearer test-token\"]")]
    [InlineData("{\"scope\":{\"nested\":true},\"path\":\"/pipelines/from-intent\",\"key\":\"0123456789abcdef\"}")]
    public async Task A_body_that_is_not_a_lookup_object_gets_400_not_500(string body)
    {
        await using var gateway = await StartGatewayAsync(enabled: true);
        using var admin = gateway.CreateClient($"Bearer {Token}");

        using var refused = await admin.SendAsync(Requests.Post(LookupPath, body));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("validation_failed", await refused.ReadErrorTypeAsync());
    }

    [Fact]
    public async Task A_lookup_that_is_not_sent_as_JSON_gets_415()
    {
        await using var gateway = await StartGatewayAsync(enabled: true);
        using var admin = gateway.CreateClient($"Bearer {Token}");

        using var refused = await admin.PostAsync(LookupPath, new StringContent("scope=Bearer+test-token&path=/pipelines/from-intent&key=0123456789abcdef"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, refused.StatusCode);
        Assert.Equal("unsupported_media_type", await refused.ReadErrorTypeAsync());
    }

    [Fact]
    public async Task A_lookup_body_over_64_KiB_gets_413()
    {
        await using var gateway = await StartGatewayAsync(enabled: true);
        using var admin = gateway.CreateClient($"Bearer {Token}");

        using var refused = await admin.PostAsJsonAsync(LookupPath, new { scope = "Bearer " + new string('a', 65 * 1024), path = "/pipelines/from-intent", key = Requests.NewKey() });

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused.StatusCode);
        Assert.Equal("payload_too_large", await refused.ReadErrorTypeAsync());
    }

    [Fact]
    public async Task The_old_query_string_form_that_put_the_credential_in_the_URL_is_gone()
    {
        await using var gateway = await StartGatewayAsync(enabled: true);
        using var client = gateway.CreateClient();
        using var admin = gateway.CreateClient($"Bearer {Token}");
        var key = Requests.NewKey();
        var body = Requests.CreatePipeline(key);
        using var created = await client.SendAsync(Requests.Post("/pipelines/from-intent", body));
        var query = $"/_whet/admin/records?scope={Uri.EscapeDataString(GatewayHost.DefaultCredential)}&method=POST&path=/pipelines/from-intent&key={key}";

        using var inspected = await admin.GetAsync(query);
        using var deleted = await admin.DeleteAsync(query);
        using var replay = await client.SendAsync(Requests.Post("/pipelines/from-intent", body));

        Assert.Contains(inspected.StatusCode, new[] { HttpStatusCode.NotFound, HttpStatusCode.MethodNotAllowed });
        Assert.Contains(deleted.StatusCode, new[] { HttpStatusCode.NotFound, HttpStatusCode.MethodNotAllowed });
        Assert.True(replay.Headers.Contains("Idempotent-Replayed"));
    }

    [Fact]
    public async Task The_operator_endpoint_is_off_by_default()
    {
        await using var gateway = await StartGatewayAsync(enabled: false);
        using var admin = gateway.CreateClient($"Bearer {Token}");

        using var response = await admin.PostAsJsonAsync("/_whet/admin/evictions", new { path = "/pipelines/pl_1" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("not_found", await response.ReadErrorTypeAsync());
    }

    [Fact]
    public void Enabling_the_operator_endpoint_without_a_long_token_stops_the_start()
    {
        var settings = GatewayHost.Settings(Upstream.Address, new Dictionary<string, string?>
        {
            ["Idempotency:Admin:Enabled"] = "true",
            ["Idempotency:Admin:Token"] = "short",
        });

        var failure = Assert.ThrowsAny<Exception>(() => GatewayHost.Build(settings));

        Assert.Contains("Idempotency:Admin:Token", failure.Message, StringComparison.Ordinal);
    }

    /// <summary>The lookup of <paramref name="key"/> on the from-intent route by the default test caller.</summary>
    private static object Lookup(string key) => new { scope = GatewayHost.DefaultCredential, method = "POST", path = "/pipelines/from-intent", key };

    private Task<GatewayHost> StartGatewayAsync(bool enabled) =>
        StartGatewayAsync(("Idempotency:Admin:Enabled", enabled ? "true" : "false"), ("Idempotency:Admin:Token", Token));
}
