using Microsoft.AspNetCore.Http.HttpResults;
using WhetGateway.SampleApi.Identifiers;
using WhetGateway.SampleApi.Runs;
using WhetGateway.SampleApi.SideEffects;

namespace WhetGateway.SampleApi.Posts;

/// <summary>Maps <c>/posts</c>.</summary>
internal static class PostEndpoints
{
    public static IEndpointRouteBuilder MapPostEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/posts/{id}/draft", Draft).WithSideEffect("posts.draft");
        return app;
    }

    private static Ok<DraftResponse> Draft(string id, DraftRequest? request, RunRegistry runs) =>
        TypedResults.Ok(new DraftResponse(id, ResourceIds.New("dr"), runs.Start(), request?.Text));
}
