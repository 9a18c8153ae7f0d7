namespace WhetGateway.SampleApi.Pipelines;

/// <summary>Body of <c>PATCH /pipelines/{id}</c>: the fields to change, each left as it is when absent; unknown fields are ignored.</summary>
internal sealed record UpdatePipelineRequest(string? Handle, string? Intent);
