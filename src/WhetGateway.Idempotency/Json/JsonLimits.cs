using System.Text.Json;

namespace WhetGateway.Json;

/// <summary>
/// The one nesting limit for every JSON the gateway parses, from clients (request bodies: key, fingerprint, response
/// cache identity, MCP calls) or from upstreams (recorded responses, introspection answers). One number, so no body
/// can pass one parser and break the next; a request body deeper than it is refused before any of them runs.
/// </summary>
internal static class JsonLimits
{
    /// <summary>The most containers (objects and arrays) nested in one another: System.Text.Json's own default.</summary>
    public const int MaxDepth = 64;

    public static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = MaxDepth };

    public static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = MaxDepth };

    /// <summary>One container deeper than the limit, so the scan can tell a body that is too deep from one that is malformed.</summary>
    private static readonly JsonReaderOptions ScanOptions = new() { MaxDepth = MaxDepth + 1 };

    /// <summary>
    /// Whether <paramref name="json"/> nests more than <see cref="MaxDepth"/> containers before anything makes it
    /// invalid JSON. Text that is not JSON, or breaks before it gets that deep, is not too deep: the protocols judge it.
    /// </summary>
    public static bool IsTooDeep(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, ScanOptions);
        try
        {
            while (reader.Read())
            {
                // A container's start token sits at the depth of the containers around it.
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && reader.CurrentDepth >= MaxDepth)
                {
                    return true;
                }
            }
        }
        catch (JsonException)
        {
        }

        return false;
    }
}
