using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Microsoft.Extensions.Primitives;

namespace WhetGateway.SampleApi.TestHooks;

/// <summary>The test hooks requested by a mutating call; all are off when their header is absent.</summary>
/// <param name="DelayMs">Milliseconds to wait before executing the call.</param>
/// <param name="FailStatus">Error status to answer instead of executing the call, if any.</param>
/// <param name="PaddingBytes">Number of <c>x</c> characters to add to the success body as <c>padding</c>.</param>
/// <param name="ResponseHeaders">Headers to add to the success response, as some backends send them (challenges, session data).</param>
internal sealed record TestHookSettings(int DelayMs, int? FailStatus, int PaddingBytes, IReadOnlyList<KeyValuePair<string, string>> ResponseHeaders)
{
    public const string DelayHeader = "X-Sample-Delay-Ms";
    public const string DelayQueryParameter = "delay_ms";
    public const string FailHeader = "X-Sample-Fail";
    public const string FailQueryParameter = "fail";
    public const string ResponseBytesHeader = "X-Sample-Response-Bytes";

    /// <summary>Repeatable, <c>Name: value</c>: a header the success response carries.</summary>
    public const string ResponseHeaderHeader = "X-Sample-Response-Header";

    private const int MaxPaddingBytes = 64 * 1024 * 1024;

    public static bool TryRead(
        HttpRequest request,
        [NotNullWhen(true)] out TestHookSettings? settings,
        [NotNullWhen(false)] out string? error)
    {
        settings = null;
        if (!TryParse(HeaderOrQuery(request, DelayHeader, DelayQueryParameter), DelayHeader, 0, int.MaxValue, out var delayMs, out error)
            || !TryParse(HeaderOrQuery(request, FailHeader, FailQueryParameter), FailHeader, 400, 599, out var failStatus, out error)
            || !TryParse(request.Headers[ResponseBytesHeader], ResponseBytesHeader, 0, MaxPaddingBytes, out var paddingBytes, out error)
            || !TryParseHeaders(request.Headers[ResponseHeaderHeader], out var responseHeaders, out error))
        {
            return false;
        }

        settings = new TestHookSettings(delayMs ?? 0, failStatus, paddingBytes ?? 0, responseHeaders);
        return true;
    }

    /// <summary>A hook's header, or else its query parameter, for callers that cannot set headers (a gateway asking about a credential).</summary>
    private static StringValues HeaderOrQuery(HttpRequest request, string header, string queryParameter) =>
        StringValues.IsNullOrEmpty(request.Headers[header]) ? request.Query[queryParameter] : request.Headers[header];

    private static bool TryParseHeaders(StringValues raw, out IReadOnlyList<KeyValuePair<string, string>> headers, [NotNullWhen(false)] out string? error)
    {
        var parsed = new List<KeyValuePair<string, string>>();
        headers = parsed;
        error = null;
        foreach (var header in raw)
        {
            var colon = header?.IndexOf(':', StringComparison.Ordinal) ?? -1;
            if (colon <= 0)
            {
                error = $"{ResponseHeaderHeader} must be Name: value.";
                return false;
            }

            parsed.Add(new(header![..colon].Trim(), header[(colon + 1)..].Trim()));
        }

        return true;
    }

    private static bool TryParse(
        StringValues raw,
        string name,
        int min,
        int max,
        out int? value,
        [NotNullWhen(false)] out string? error)
    {
        value = null;
        error = null;
        if (StringValues.IsNullOrEmpty(raw))
        {
            return true;
        }

        if (int.TryParse(raw.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)
            && parsed >= min && parsed <= max)
        {
            value = parsed;
            return true;
        }

        error = $"{name} must be an integer between {min} and {max}.";
        return false;
    }
}
