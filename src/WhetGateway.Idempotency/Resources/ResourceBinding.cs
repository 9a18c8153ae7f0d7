using System.Text.Json;
using WhetGateway.Configuration;
using WhetGateway.Json;

namespace WhetGateway.Resources;

/// <summary>One configured resource: where its id sits in the response JSON, the path it makes, and who may evict it.</summary>
internal sealed class ResourceBinding(ResourceOptions options, bool evictAcrossScopes)
{
    private readonly JsonFieldPath _id = new(options.Id);

    /// <summary>The resource the response names, or null when the field is missing or not a string or number.</summary>
    public NamedResource? Find(JsonElement response) =>
        _id.FindScalar(response) is { } id && ResourcePath.Normalize(options.Path.Replace(ResourcePath.IdPlaceholder, id, StringComparison.Ordinal)) is { } path
            ? new NamedResource(path, evictAcrossScopes)
            : null;
}
