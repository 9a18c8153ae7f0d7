using WhetGateway.SampleApi.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace WhetGateway.SampleApi.Diagnostics;

/// <summary>Maps the read-only health and statistics endpoints.</summary>
internal static class DiagnosticsEndpoints
{
    public static IEndpointRouteBuilder MapDiagnosticsEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/_sample/stats", GetStats);
        app.MapGet("/healthz", () => TypedResults.Text("ok"));
        return app;
    }

    private static Ok<StatsResponse> GetStats(SideEffectCounter counter, IntrospectionCounter introspections) =>
        TypedResults.Ok(new StatsResponse(counter.Total, counter.Snapshot(), introspections.Calls));
}
