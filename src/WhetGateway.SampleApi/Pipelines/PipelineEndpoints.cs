using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using WhetGateway.SampleApi.Auth;
using WhetGateway.SampleApi.Errors;
using WhetGateway.SampleApi.Identifiers;
using WhetGateway.SampleApi.Runs;
using WhetGateway.SampleApi.SideEffects;

namespace WhetGateway.SampleApi.Pipelines;

/// <summary>Maps <c>/pipelines</c>.</summary>
internal static class PipelineEndpoints
{
    public static IEndpointRouteBuilder MapPipelineEndpoints(this IEndpointRouteBuilder app)
    {
        var pipelines = app.MapGroup("/pipelines");
        pipelines.MapPost("/from-intent", CreateFromIntent).WithSideEffect("pipelines.create");
        pipelines.MapPatch("/{id}", Update).WithSideEffect("pipelines.update");
        pipelines.MapDelete("/{id}", Delete).WithSideEffect("pipelines.delete");
        pipelines.MapGet("/{id}", Get);
        pipelines.MapGet("/{id}/inbox", GetInbox);
        return app;
    }

    private static Results<Created<PipelineResponse>, JsonHttpResult<ErrorEnvelope>> CreateFromIntent(
        CreatePipelineRequest request,
        ClaimsPrincipal user,
        PipelineStore pipelines,
        RunRegistry runs)
    {
        if (string.IsNullOrWhiteSpace(request.Intent))
        {
            return ApiErrors.ValidationFailed("intent", "intent is required and must not be empty.");
        }

        var pipeline = new Pipeline(
            ResourceIds.New("pl"),
            runs.Start(),
            request.Handle,
            request.Intent,
            "running",
            DateTimeOffset.UtcNow,
            AuthEndpoints.OrganizationOf(user));
        pipelines.Add(pipeline);
        return TypedResults.Created($"/pipelines/{pipeline.PipelineId}", PipelineResponse.From(pipeline));
    }

    private static Results<Ok<PipelineResponse>, JsonHttpResult<ErrorEnvelope>> Update(string id, UpdatePipelineRequest request, PipelineStore pipelines) =>
        pipelines.TryUpdate(id, pipeline => pipeline with { Handle = request.Handle ?? pipeline.Handle, Intent = request.Intent ?? pipeline.Intent }, out var updated)
            ? TypedResults.Ok(PipelineResponse.From(updated))
            : NotFound(id);

    private static Results<NoContent, JsonHttpResult<ErrorEnvelope>> Delete(string id, PipelineStore pipelines) =>
        pipelines.TryDelete(id) ? TypedResults.NoContent() : NotFound(id);

    private static Results<Ok<PipelineResponse>, JsonHttpResult<ErrorEnvelope>> Get(string id, PipelineStore pipelines) =>
        pipelines.TryGet(id, out var pipeline) ? TypedResults.Ok(PipelineResponse.From(pipeline)) : NotFound(id);

    private static Results<Ok<InboxResponse>, JsonHttpResult<ErrorEnvelope>> GetInbox(string id, PipelineStore pipelines) =>
        pipelines.TryGet(id, out _) ? TypedResults.Ok(new InboxResponse(id, [])) : NotFound(id);

    private static JsonHttpResult<ErrorEnvelope> NotFound(string id) => ApiErrors.NotFound($"Pipeline '{id}' does not exist.");
}
