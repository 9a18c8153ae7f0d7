using Microsoft.AspNetCore.Http.HttpResults;
using WhetGateway.SampleApi.Identifiers;
using WhetGateway.SampleApi.Runs;
using WhetGateway.SampleApi.SideEffects;

namespace WhetGateway.SampleApi.Posts;

/// <summary>
/// Maps <c>/posts</c>: a draft is made with POST or PUT (the same path under two methods), and a post is deleted with
/// DELETE. The sample keeps no posts, so a DELETE answers 204 for any id, as many backends do.
/// </summary>
internal static class PostEndpoints
{
    public static IEndpointRouteBuilder MapPostEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/posts/{id}/draft", [HttpMethods.Post, HttpMethods.Put], Draft).WithSideEffect("posts.draft");
        app.MapDelete("/posts/{id}", () => TypedResults.NoContent()).WithSideEffect("posts.delete");
        return app;
    }

    private static Ok<DraftResponse> Draft(string id, DraftRequest? request, RunRegistry runs) =>
        TypedResults.Ok(new DraftResponse(id, ResourceIds.New("dr"), runs.Start(), request?.Text));
}
