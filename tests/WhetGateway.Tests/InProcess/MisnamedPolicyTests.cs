using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace WhetGateway.Tests.InProcess;

/// <summary>
/// An endpoint that names a policy the app does not configure (a typo in <c>WithIdempotency</c>, or a policy a
/// configuration change removed) is refused, never run unprotected: a retry of a payment through it would otherwise
/// run twice without anyone noticing.
/// </summary>
public sealed class MisnamedPolicyTests
{
    private static readonly Dictionary<string, string?> OrdersPolicy = new() { ["Idempotency:Policies:orders:KeyHeader"] = "Idempotency-Key" };

    private int _executions;

    [Fact]
    public async Task An_app_whose_endpoint_names_an_unknown_policy_refuses_to_start()
    {
        await using var app = Build(new EditableConfiguration(OrdersPolicy), endpointPolicy: "ordres");

        var refusal = await Assert.ThrowsAsync<InvalidOperationException>(() => app.StartAsync());

        Assert.Contains("'ordres'", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_endpoint_whose_policy_a_configuration_change_removed_answers_500_and_never_runs()
    {
        var configuration = new EditableConfiguration(OrdersPolicy);
        await using var app = Build(configuration, endpointPolicy: "orders");
        await app.StartAsync();

        configuration.Replace(new Dictionary<string, string?> { ["Idempotency:Policies:payments:KeyHeader"] = "Idempotency-Key" });
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/orders") { Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add("Idempotency-Key", Infrastructure.Requests.NewKey());
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal(0, Volatile.Read(ref _executions));
    }

    private WebApplication Build(EditableConfiguration configuration, string endpointPolicy)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddIdempotency(new ConfigurationRoot([configuration]).GetSection("Idempotency"));
        var app = builder.Build();
        app.UseIdempotency();
        app.MapPost("/orders", () => Results.Ok(new { execution = Interlocked.Increment(ref _executions) })).WithIdempotency(endpointPolicy);
        return app;
    }
}
