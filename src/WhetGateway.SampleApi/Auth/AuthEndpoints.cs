using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.IdentityModel.JsonWebTokens;
using WhetGateway.SampleApi.Errors;
using WhetGateway.SampleApi.TestHooks;

namespace WhetGateway.SampleApi.Auth;

/// <summary>
/// Maps <c>/auth</c>: a demo token minter for the quick start, and an introspection endpoint that tells a token's
/// organization. No other endpoint requires a token; those that get a valid one record its organization.
/// </summary>
internal static class AuthEndpoints
{
    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/auth");
        auth.MapGet("/demo-token", MintDemoToken);
        auth.MapMethods("/introspect", [HttpMethods.Get, HttpMethods.Post], Introspect)
            .AddEndpointFilter(CountIntrospection)
            .AddEndpointFilter<TestHooksFilter>();
        return app;
    }

    /// <summary>The organization of a request's valid sample token, or null.</summary>
    public static string? OrganizationOf(ClaimsPrincipal user) => user.FindFirst(SampleTokens.OrganizationClaim)?.Value;

    /// <summary><c>GET /auth/demo-token?org=org_a[&amp;sub=alice]</c>: a fresh token, as plain text.</summary>
    private static Results<ContentHttpResult, JsonHttpResult<ErrorEnvelope>> MintDemoToken(string? org, string? sub, SampleTokens tokens) =>
        string.IsNullOrWhiteSpace(org)
            ? ApiErrors.InvalidRequest("org is required, e.g. /auth/demo-token?org=org_a.")
            : TypedResults.Text(tokens.Mint(org, sub));

    /// <summary>Counts a call as it arrives, before any test hook delays or fails it, so tests can see a gateway's caches at work.</summary>
    private static ValueTask<object?> CountIntrospection(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        context.HttpContext.RequestServices.GetRequiredService<IntrospectionCounter>().Record();
        return next(context);
    }

    /// <summary>Who the bearer token of this request belongs to.</summary>
    private static Ok<IntrospectionResponse> Introspect(ClaimsPrincipal user)
    {
        if (OrganizationOf(user) is not { } organization)
        {
            return TypedResults.Ok(new IntrospectionResponse(Active: false));
        }

        var exp = long.TryParse(user.FindFirst(JwtRegisteredClaimNames.Exp)?.Value, out var seconds) ? seconds : (long?)null;
        return TypedResults.Ok(new IntrospectionResponse(true, user.FindFirst(JwtRegisteredClaimNames.Sub)?.Value, new OrganizationRef(organization), exp));
    }
}
