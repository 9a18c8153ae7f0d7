namespace WhetGateway.SampleApi.Pipelines;

/// <summary>A pipeline created from an intent, as held in memory; the organization of the token that created it, if any.</summary>
internal sealed record Pipeline(
    string PipelineId,
    string RunId,
    string? Handle,
    string Intent,
    string Status,
    DateTimeOffset CreatedAt,
    string? OrganizationId);
