using Microsoft.AspNetCore.Http.HttpResults;
using WhetGateway.SampleApi.Identifiers;
using WhetGateway.SampleApi.Runs;
using WhetGateway.SampleApi.SideEffects;

namespace WhetGateway.SampleApi.Artifacts;

/// <summary>Maps <c>/artifacts</c>.</summary>
internal static class ArtifactEndpoints
{
    public static IEndpointRouteBuilder MapArtifactEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/artifacts/{id}/publish", Publish).WithSideEffect("artifacts.publish");
        return app;
    }

    private static Ok<PublicationResponse> Publish(string id, RunRegistry runs) =>
        TypedResults.Ok(new PublicationResponse(id, ResourceIds.New("pub"), runs.Start()));
}
