using System.Text.Json.Serialization;
using WhetGateway.SampleApi.TestHooks;

namespace WhetGateway.SampleApi.Pipelines;

/// <summary>JSON representation of a <see cref="Pipeline"/>.</summary>
internal sealed record PipelineResponse(
    string PipelineId,
    string RunId,
    string? Handle,
    string Intent,
    string Status,
    DateTimeOffset CreatedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? OrganizationId) : PaddableResponse
{
    public static PipelineResponse From(Pipeline pipeline) => new(
        pipeline.PipelineId,
        pipeline.RunId,
        pipeline.Handle,
        pipeline.Intent,
        pipeline.Status,
        pipeline.CreatedAt,
        pipeline.OrganizationId);
}
