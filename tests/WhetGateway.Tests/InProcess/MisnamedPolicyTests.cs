using System.Net;

namespace WhetGateway.Tests.InProcess;

/// <summary>
/// An endpoint that names a policy the app never configured (a typo in <c>WithIdempotency</c>) is refused, not run
/// unprotected: a retry of a payment through it would otherwise run twice without anyone noticing.
/// </summary>
public sealed class MisnamedPolicyTests : IAsyncLifetime
{
    private ClaimScopedApp? _app;

    private ClaimScopedApp App => _app!;

    public async Task InitializeAsync() => _app = await ClaimScopedApp.StartAsync();

    public async Task DisposeAsync() => await App.DisposeAsync();

    [Fact]
    public async Task An_endpoint_naming_an_unknown_policy_answers_500_and_never_runs()
    {
        using var client = new HttpClient { BaseAddress = App.Address };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/misnamed") { Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add("Idempotency-Key", Infrastructure.Requests.NewKey());
        request.Headers.Add(ClaimScopedApp.OrganizationHeader, "org_a");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal(0, App.Executions);
    }
}
