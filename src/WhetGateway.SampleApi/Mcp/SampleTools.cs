using System.ComponentModel;
using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using WhetGateway.SampleApi.Identifiers;
using WhetGateway.SampleApi.Pipelines;
using WhetGateway.SampleApi.Runs;

namespace WhetGateway.SampleApi.Mcp;

/// <summary>
/// The sample's MCP tools, mirroring its mutating REST endpoints: each takes an optional <c>idempotency_key</c>
/// (which the sample itself ignores, as a legacy API would) and counts its side effect as <c>mcp.&lt;tool&gt;</c>.
/// </summary>
[McpServerToolType]
internal sealed class SampleTools(PipelineStore pipelines, RunRegistry runs, SideEffectCounter sideEffects, FirstAttemptFailures failures)
{
    [McpServerTool(Name = "create_pipeline"), Description("Creates a pipeline from an intent and starts its first run.")]
    public string CreatePipeline(
        [Description("What the pipeline should do.")] string intent,
        [Description("The account handle.")] string? handle = null,
        [Description("16–128 ASCII characters; retries with the same key return the same pipeline.")] string? idempotency_key = null)
    {
        _ = idempotency_key;
        var pipeline = new Pipeline(ResourceIds.New("pl"), runs.Start(), handle, intent, "running", DateTimeOffset.UtcNow, OrganizationId: null);
        pipelines.Add(pipeline);
        sideEffects.Record("mcp.create_pipeline");
        return JsonSerializer.Serialize(new { pipeline_id = pipeline.PipelineId, run_id = pipeline.RunId });
    }

    [McpServerTool(Name = "publish_artifact"), Description("Publishes an artifact; fails with a JSON-RPC error the first time for each artifact.")]
    public string PublishArtifact(
        [Description("The artifact to publish.")] string artifact_id,
        [Description("16–128 ASCII characters.")] string? idempotency_key = null)
    {
        _ = idempotency_key;
        if (failures.IsFirstAttempt(artifact_id))
        {
            throw new McpProtocolException($"Publishing {artifact_id} failed; retry.", McpErrorCode.InternalError);
        }

        sideEffects.Record("mcp.publish_artifact");
        return JsonSerializer.Serialize(new { artifact_id, publication_id = ResourceIds.New("pub") });
    }

    [McpServerTool(Name = "create_draft"), Description("Drafts a post; an empty text is a tool error (isError) that names a fresh error id.")]
    public CallToolResult CreateDraft(
        [Description("The post to draft.")] string post_id,
        [Description("The draft's text; must not be empty.")] string text,
        [Description("16–128 ASCII characters.")] string? idempotency_key = null)
    {
        _ = idempotency_key;
        if (string.IsNullOrWhiteSpace(text))
        {
            return new CallToolResult { IsError = true, Content = [new TextContentBlock { Text = $"text must not be empty (error {ResourceIds.New("err")})" }] };
        }

        sideEffects.Record("mcp.create_draft");
        return new CallToolResult { Content = [new TextContentBlock { Text = JsonSerializer.Serialize(new { post_id, draft_id = ResourceIds.New("dr") }) }] };
    }

    [McpServerTool(Name = "get_pipeline", ReadOnly = true), Description("Reads a pipeline.")]
    public string GetPipeline([Description("The pipeline's id.")] string pipeline_id) =>
        pipelines.TryGet(pipeline_id, out var pipeline) ? JsonSerializer.Serialize(new { pipeline.PipelineId, pipeline.Status }) : "not found";
}
