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

    /// <summary>Replaces a pipeline that exists with <paramref name="update"/> of it, atomically against other updates.</summary>
    public bool TryUpdate(string pipelineId, Func<Pipeline, Pipeline> update, [NotNullWhen(true)] out Pipeline? updated)
    {
        while (_pipelines.TryGetValue(pipelineId, out var current))
        {
            var next = update(current);
            if (_pipelines.TryUpdate(pipelineId, next, current))
            {
                updated = next;
                return true;
            }
        }

        updated = null;
        return false;
    }

    public bool TryDelete(string pipelineId) => _pipelines.TryRemove(pipelineId, out _);
}
