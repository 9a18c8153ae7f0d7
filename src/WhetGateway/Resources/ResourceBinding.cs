using System.Text.Json;
using WhetGateway.Configuration;

namespace WhetGateway.Resources;

/// <summary>One configured resource: where its id sits in the response JSON and the path it makes.</summary>
internal sealed class ResourceBinding(ResourceOptions options)
{
    private readonly string[] _idPath = options.Id.Split('.');

    /// <summary>The resource path the response names, or null when the field is missing or not a string or number.</summary>
    public string? Find(JsonElement response)
    {
        var current = response;
        foreach (var segment in _idPath)
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(segment, out current))
            {
                return null;
            }
        }

        var id = current.ValueKind switch
        {
            JsonValueKind.String => current.GetString(),
            JsonValueKind.Number => current.GetRawText(),
            _ => null,
        };
        return string.IsNullOrEmpty(id) ? null : ResourcePath.Normalize(options.Path.Replace(ResourcePath.IdPlaceholder, id, StringComparison.Ordinal));
    }
}
