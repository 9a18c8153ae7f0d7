namespace WhetGateway.SampleApi.Pipelines;

/// <summary>Body of <c>POST /pipelines/from-intent</c>; unknown fields are ignored.</summary>
internal sealed record CreatePipelineRequest(string? Handle, string? Intent);
