namespace WhetGateway.Resources;

/// <summary>
/// The one spelling of a resource's identity, shared by the record that names it and the DELETE that removes it:
/// the path alone, without query, fragment, host or trailing slash.
/// </summary>
internal static class ResourcePath
{
    public const string IdPlaceholder = "{id}";

    /// <summary>A path from a request, a <c>Location</c> header (absolute or relative) or a template.</summary>
    public static string? Normalize(string? pathOrUri)
    {
        if (string.IsNullOrWhiteSpace(pathOrUri))
        {
            return null;
        }

        var path = Uri.TryCreate(pathOrUri, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https"
            ? absolute.AbsolutePath
            : pathOrUri.Split('?', '#')[0];
        if (!path.StartsWith('/'))
        {
            return null;
        }

        return path.Length > 1 ? path.TrimEnd('/') : path;
    }
}
