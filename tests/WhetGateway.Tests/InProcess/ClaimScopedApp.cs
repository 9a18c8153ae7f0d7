using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using WhetGateway.Configuration;

namespace WhetGateway.Tests.InProcess;

/// <summary>
/// An app of its own on real Kestrel, made idempotent in-process (<c>AddIdempotency</c> in code, <c>UseIdempotency</c>,
/// <c>WithIdempotency</c>) with the scope taken from an <c>org_id</c> claim. Its stand-in for authentication signs in
/// the organization named by <see cref="OrganizationHeader"/>, as the app's own authentication would.
/// </summary>
public sealed class ClaimScopedApp : IAsyncDisposable
{
    public const string OrganizationHeader = "X-Signed-In-Org";

    private readonly WebApplication _app;
    private int _executions;

    private ClaimScopedApp(WebApplication app) => _app = app;

    public int Executions => Volatile.Read(ref _executions);

    public Uri Address => new(_app.Urls.Single());

    public static async Task<ClaimScopedApp> StartAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddIdempotency(options =>
        {
            options.Scope.Source = ScopeSource.Claim;
            options.Scope.ClaimType = "org_id";
            options.Policies["orders"] = new IdempotencyPolicyOptions { KeyHeader = "Idempotency-Key" };
        });
        var app = builder.Build();
        var host = new ClaimScopedApp(app);
        app.Use(SignInFromHeader);
        app.UseIdempotency();
        app.MapPost("/orders", () => Results.Ok(new { execution = Interlocked.Increment(ref host._executions) })).WithIdempotency("orders");
        await app.StartAsync();
        return host;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private static Task SignInFromHeader(HttpContext context, RequestDelegate next)
    {
        if (context.Request.Headers[OrganizationHeader] is [{ } organization])
        {
            context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim("org_id", organization)], "test"));
        }

        return next(context);
    }
}
