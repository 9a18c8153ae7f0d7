using System.Net.Http.Json;

namespace WhetGateway.Tests.InProcess;

/// <summary>In-process, the scope comes from a claim of the user the app's own authentication signed in.</summary>
public sealed class ClaimScopeTests : IAsyncLifetime
{
    private ClaimScopedApp? _app;

    private ClaimScopedApp App => _app!;

    public async Task InitializeAsync() => _app = await ClaimScopedApp.StartAsync();

    public async Task DisposeAsync() => await App.DisposeAsync();

    [Fact]
    public async Task Two_callers_signed_in_to_one_organization_share_the_execution()
    {
        var key = Infrastructure.Requests.NewKey();

        using var first = await PostAsync(key, "org_a");
        using var second = await PostAsync(key, "org_a");

        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.Equal(1, App.Executions);
    }

    [Fact]
    public async Task A_caller_of_another_organization_gets_its_own_execution()
    {
        var key = Infrastructure.Requests.NewKey();

        using var first = await PostAsync(key, "org_a");
        using var other = await PostAsync(key, "org_b");

        Assert.Equal(2, App.Executions);
    }

    [Fact]
    public async Task A_caller_without_the_claim_is_never_replayed()
    {
        var key = Infrastructure.Requests.NewKey();

        using var first = await PostAsync(key, organization: null);
        using var retry = await PostAsync(key, organization: null);

        Assert.Equal(2, App.Executions);
    }

    private async Task<HttpResponseMessage> PostAsync(string key, string? organization)
    {
        using var client = new HttpClient { BaseAddress = App.Address };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/orders") { Content = JsonContent.Create(new { item = "book" }) };
        request.Headers.Add("Idempotency-Key", key);
        if (organization is not null)
        {
            request.Headers.Add(ClaimScopedApp.OrganizationHeader, organization);
        }

        var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return response;
    }
}
