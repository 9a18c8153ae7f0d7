using System.Text.Json;
using WhetGateway.Configuration;
using WhetGateway.Json;

namespace WhetGateway.Resources;

/// <summary>One configured resource: where its id sits in the response JSON and the path it makes.</summary>
internal sealed class ResourceBinding(ResourceOptions options)
{
    private readonly JsonFieldPath _id = new(options.Id);

    /// <summary>The resource path the response names, or null when the field is missing or not a string or number.</summary>
    public string? Find(JsonElement response) =>
        _id.FindScalar(response) is { } id
            ? ResourcePath.Normalize(options.Path.Replace(ResourcePath.IdPlaceholder, id, StringComparison.Ordinal))
            : null;
}
