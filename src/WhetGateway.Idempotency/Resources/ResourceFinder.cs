using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using WhetGateway.Json;

namespace WhetGateway.Resources;

/// <summary>Finds the resources a recorded response names: configured JSON fields, and optionally its Location.</summary>
/// <param name="bindings">The configured JSON fields.</param>
/// <param name="tieLocation">Whether the response's <c>Location</c> names a resource too.</param>
/// <param name="evictLocationAcrossScopes">Whether any caller's DELETE of the <c>Location</c> resource evicts the record.</param>
internal sealed class ResourceFinder(IReadOnlyList<ResourceBinding> bindings, bool tieLocation, bool evictLocationAcrossScopes)
{
    /// <summary>Whether any response could name a resource.</summary>
    public bool TiesAny => bindings.Count > 0 || tieLocation;

    public IReadOnlyList<NamedResource> Find(IHeaderDictionary headers, ReadOnlyMemory<byte> body)
    {
        if (!TiesAny)
        {
            return [];
        }

        var found = new List<NamedResource>();
        if (tieLocation && ResourcePath.Normalize(headers[HeaderNames.Location]) is { } location)
        {
            found.Add(new NamedResource(location, evictLocationAcrossScopes));
        }

        if (bindings.Count > 0 && TryParse(body) is { } document)
        {
            using (document)
            {
                found.AddRange(bindings.Select(binding => binding.Find(document.RootElement)).OfType<NamedResource>());
            }
        }

        return [.. found.Distinct()];
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
