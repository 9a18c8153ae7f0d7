using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace WhetGateway.SampleApi.Pipelines;

/// <summary>In-memory store of the pipelines that exist.</summary>
internal sealed class PipelineStore
{
    private readonly ConcurrentDictionary<string, Pipeline> _pipelines = new(StringComparer.Ordinal);

    public void Add(Pipeline pipeline) => _pipelines[pipeline.PipelineId] = pipeline;

    public bool TryGet(string pipelineId, [NotNullWhen(true)] out Pipeline? pipeline) =>
        _pipelines.TryGetValue(pipelineId, out pipeline);

    public bool TryDelete(string pipelineId) => _pipelines.TryRemove(pipelineId, out _);
}
