using System.Text.Json;

namespace WhetGateway.Json;

/// <summary>A dotted path to a field of a JSON document, e.g. <c>pipeline_id</c> or <c>organization.id</c>.</summary>
internal sealed class JsonFieldPath(string path)
{
    private readonly string[] _segments = path.Split('.');

    /// <summary>True when <paramref name="path"/> is non-empty and none of its segments is blank.</summary>
    public static bool IsValid(string? path) => !string.IsNullOrWhiteSpace(path) && !path.Split('.').Any(string.IsNullOrWhiteSpace);

    /// <summary>The field's value as text when it is a non-empty string or a number (its literal); otherwise null.</summary>
    public string? FindScalar(JsonElement root)
    {
        var current = root;
        foreach (var segment in _segments)
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(segment, out current))
            {
                return null;
            }
        }

        var value = current.ValueKind switch
        {
            JsonValueKind.String => current.GetString(),
            JsonValueKind.Number => current.GetRawText(),
            _ => null,
        };
        return string.IsNullOrEmpty(value) ? null : value;
    }
}
