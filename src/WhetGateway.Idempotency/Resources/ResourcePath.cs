namespace WhetGateway.Resources;

/// <summary>
/// The one spelling of a resource's identity, shared by the record that names it (a <c>Location</c> header or a
/// configured template) and the DELETE that removes it: the path alone, without query, fragment, host or trailing
/// slash, percent-decoded and with dot segments removed as Kestrel routes a request path, so
/// <c>/pipelines/pl%5F1</c>, <c>/pipelines/./pl_1/</c> and <c>/pipelines/pl_1</c> are one resource. An encoded
/// slash (<c>%2F</c>) stays encoded, as Kestrel keeps it, so it never becomes a segment boundary. Segments keep their
/// case: ids are case-sensitive.
/// </summary>
internal static class ResourcePath
{
    public const string IdPlaceholder = "{id}";

    private const string EncodedSlash = "%2F";

    /// <summary>
    /// A path from a request target as the client sent it (not the decoded request path, which would be decoded
    /// twice), a <c>Location</c> header (absolute or relative) or a template; null when it is no path.
    /// </summary>
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

        var segments = new List<string>();
        foreach (var segment in path.Split('/'))
        {
            var decoded = string.Join(EncodedSlash, segment.Replace(EncodedSlash, EncodedSlash, StringComparison.OrdinalIgnoreCase).Split(EncodedSlash).Select(Uri.UnescapeDataString));
            switch (decoded)
            {
                case "" or ".":
                    continue;
                case "..":
                    if (segments.Count > 0)
                    {
                        segments.RemoveAt(segments.Count - 1);
                    }

                    continue;
                default:
                    segments.Add(decoded);
                    break;
            }
        }

        return "/" + string.Join('/', segments);
    }
}
