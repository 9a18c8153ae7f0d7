using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using WhetGateway.Json;

namespace WhetGateway.Resources;

/// <summary>Finds the resources a recorded response names: configured JSON fields, and optionally its Location.</summary>
internal sealed class ResourceFinder(IReadOnlyList<ResourceBinding> bindings, bool tieLocation)
{
    private bool IsEmpty => bindings.Count == 0 && !tieLocation;

    public IReadOnlyList<string> Find(IHeaderDictionary headers, ReadOnlyMemory<byte> body)
    {
        if (IsEmpty)
        {
            return [];
        }

        var found = new List<string>();
        if (tieLocation && ResourcePath.Normalize(headers[HeaderNames.Location]) is { } location)
        {
            found.Add(location);
        }

        if (bindings.Count > 0 && TryParse(body) is { } document)
        {
            using (document)
            {
                found.AddRange(bindings.Select(binding => binding.Find(document.RootElement)).OfType<string>());
            }
        }

        return [.. found.Distinct(StringComparer.Ordinal)];
    }

    private static JsonDocument? TryParse(ReadOnlyMemory<byte> body)
    {
        try
        {
            return JsonDocument.Parse(body, JsonLimits.DocumentOptions);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
