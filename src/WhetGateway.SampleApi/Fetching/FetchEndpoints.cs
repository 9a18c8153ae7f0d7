using Microsoft.AspNetCore.Http.HttpResults;
using WhetGateway.SampleApi.Identifiers;
using WhetGateway.SampleApi.SideEffects;

namespace WhetGateway.SampleApi.Fetching;

/// <summary>Maps <c>/fetch</c>.</summary>
internal static class FetchEndpoints
{
    public static IEndpointRouteBuilder MapFetchEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/fetch", Fetch).WithSideEffect("fetch");
        return app;
    }

    private static Ok<FetchResponse> Fetch(FetchRequest request) =>
        TypedResults.Ok(new FetchResponse(ResourceIds.New("f"), request.Url, request.Intent, $"fetched {request.Url}"));
}
