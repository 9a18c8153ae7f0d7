using Microsoft.AspNetCore.Http.HttpResults;
using WhetGateway.SampleApi.Errors;
using WhetGateway.SampleApi.SideEffects;

namespace WhetGateway.SampleApi.Runs;

/// <summary>Maps <c>/runs</c>.</summary>
internal static class RunEndpoints
{
    public static IEndpointRouteBuilder MapRunEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapDelete("/runs/{id}", Delete).WithSideEffect("runs.delete");
        return app;
    }

    private static Results<NoContent, JsonHttpResult<ErrorEnvelope>> Delete(string id, RunRegistry runs) =>
        runs.TryDelete(id) ? TypedResults.NoContent() : ApiErrors.NotFound($"Run '{id}' does not exist.");
}
