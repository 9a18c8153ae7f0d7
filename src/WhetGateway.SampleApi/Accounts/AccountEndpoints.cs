using Microsoft.AspNetCore.Http.HttpResults;
using WhetGateway.SampleApi.Identifiers;
using WhetGateway.SampleApi.SideEffects;

namespace WhetGateway.SampleApi.Accounts;

/// <summary>Maps <c>/accounts</c>.</summary>
internal static class AccountEndpoints
{
    private const string SessionCookie = "sample_session";

    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/accounts/connect", Connect).WithSideEffect("accounts.connect");
        return app;
    }

    /// <summary>Connects an account and opens a session, so replays can be checked for leaked cookies.</summary>
    private static Created<AccountResponse> Connect(ConnectAccountRequest request, HttpResponse response)
    {
        response.Cookies.Append(SessionCookie, ResourceIds.RandomHex(16), new CookieOptions { Path = "/", HttpOnly = true });
        return TypedResults.Created(default(string), new AccountResponse(ResourceIds.New("acc"), request.Provider));
    }
}
