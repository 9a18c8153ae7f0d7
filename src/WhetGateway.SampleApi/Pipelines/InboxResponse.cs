namespace WhetGateway.SampleApi.Pipelines;

/// <summary>Body of <c>GET /pipelines/{id}/inbox</c>; the sample inbox is always empty.</summary>
internal sealed record InboxResponse(string PipelineId, IReadOnlyList<object> Items);
