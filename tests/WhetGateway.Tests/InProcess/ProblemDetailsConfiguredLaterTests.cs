using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using WhetGateway.Configuration;

namespace WhetGateway.Tests.InProcess;

/// <summary>
/// An app may choose problem details where <c>AddIdempotency</c> cannot see it (a later <c>Configure</c>), so no
/// problem details service is registered: its errors are still problem details, not 500s.
/// </summary>
public sealed class ProblemDetailsConfiguredLaterTests
{
    [Fact]
    public async Task A_format_chosen_after_AddIdempotency_still_answers_problem_details()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddIdempotency(options => options.Policies["orders"] = new IdempotencyPolicyOptions { KeyHeader = "Idempotency-Key" });
        builder.Services.Configure<IdempotencyOptions>(options => options.ErrorFormat = IdempotencyErrorFormat.ProblemDetails);
        await using var app = builder.Build();
        app.UseIdempotency();
        app.MapPost("/orders", () => Results.Ok()).WithIdempotency("orders");
        await app.StartAsync();

        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/orders") { Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add("Idempotency-Key", "too-short");
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("validation_failed", problem.RootElement.GetProperty("error_type").GetString());
        Assert.True(problem.RootElement.TryGetProperty("traceId", out _));
    }
}
