using Microsoft.AspNetCore.Http.HttpResults;
using WhetGateway.SampleApi.Identifiers;
using WhetGateway.SampleApi.SideEffects;

namespace WhetGateway.SampleApi.Accounts;

/// <summary>Maps <c>/accounts</c>.</summary>
internal static class AccountEndpoints
{
    private const string SessionCookie = "sample_session";
    private const string SessionTokenHeader = "X-Session-Token";

    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/accounts/connect", Connect).WithSideEffect("accounts.connect");
        return app;
    }

    /// <summary>
    /// Connects an account and opens a session, handed out as a cookie and, as some legacy APIs do, in a header too,
    /// so replays and the store can be checked for leaked session secrets.
    /// </summary>
    private static Created<AccountResponse> Connect(ConnectAccountRequest request, HttpResponse response)
    {
        var session = ResourceIds.RandomHex(16);
        response.Cookies.Append(SessionCookie, session, new CookieOptions { Path = "/", HttpOnly = true });
        response.Headers[SessionTokenHeader] = session;
        return TypedResults.Created(default(string), new AccountResponse(ResourceIds.New("acc"), request.Provider));
    }
}
