using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using WhetGateway.Storage;

namespace WhetGateway.Idempotency.Responses;

/// <summary>
/// Which response headers a record keeps: never cookies or other per-user authentication and session headers (a
/// replay may reach a colleague under an organization scope), hop-by-hop or connection headers, a stale <c>Date</c>
/// or a length (the replay sets its own), nor any header the policy excludes.
/// </summary>
internal static class RecordedHeaders
{
    public const string ReplayedHeader = "Idempotent-Replayed";

    private static readonly HashSet<string> NeverRecorded = new(StringComparer.OrdinalIgnoreCase)
    {
        HeaderNames.SetCookie,
        HeaderNames.WWWAuthenticate,
        "Authentication-Info",
        "Proxy-Authentication-Info",
        "Clear-Site-Data",
        HeaderNames.Date,
        HeaderNames.ContentLength,
        HeaderNames.TransferEncoding,
        HeaderNames.Connection,
        HeaderNames.KeepAlive,
        HeaderNames.ProxyAuthenticate,
        HeaderNames.ProxyConnection,
        HeaderNames.TE,
        HeaderNames.Trailer,
        HeaderNames.Upgrade,
        HeaderNames.AltSvc,
        ReplayedHeader,
        CacheStatusHeader.Name,
    };

    public static StoredHeader[] Capture(IHeaderDictionary headers, IReadOnlySet<string> excluded)
    {
        var recorded = new List<StoredHeader>(headers.Count);
        foreach (var (name, values) in headers)
        {
            if (!NeverRecorded.Contains(name) && !excluded.Contains(name))
            {
                recorded.Add(new StoredHeader(name, values.Where(value => value is not null).ToArray()!));
            }
        }

        return [.. recorded];
    }
}
