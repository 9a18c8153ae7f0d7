using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Microsoft.Extensions.Primitives;

namespace WhetGateway.SampleApi.TestHooks;

/// <summary>The test hooks requested by a mutating call; all are off when their header is absent.</summary>
/// <param name="DelayMs">Milliseconds to wait before executing the call.</param>
/// <param name="FailStatus">Error status to answer instead of executing the call, if any.</param>
/// <param name="PaddingBytes">Number of <c>x</c> characters to add to the success body as <c>padding</c>.</param>
internal sealed record TestHookSettings(int DelayMs, int? FailStatus, int PaddingBytes)
{
    public const string DelayHeader = "X-Sample-Delay-Ms";
    public const string DelayQueryParameter = "delay_ms";
    public const string FailHeader = "X-Sample-Fail";
    public const string ResponseBytesHeader = "X-Sample-Response-Bytes";

    private const int MaxPaddingBytes = 64 * 1024 * 1024;

    public static bool TryRead(
        HttpRequest request,
        [NotNullWhen(true)] out TestHookSettings? settings,
        [NotNullWhen(false)] out string? error)
    {
        settings = null;
        var delay = StringValues.IsNullOrEmpty(request.Headers[DelayHeader])
            ? request.Query[DelayQueryParameter]
            : request.Headers[DelayHeader];

        if (!TryParse(delay, DelayHeader, 0, int.MaxValue, out var delayMs, out error)
            || !TryParse(request.Headers[FailHeader], FailHeader, 400, 599, out var failStatus, out error)
            || !TryParse(request.Headers[ResponseBytesHeader], ResponseBytesHeader, 0, MaxPaddingBytes, out var paddingBytes, out error))
        {
            return false;
        }

        settings = new TestHookSettings(delayMs ?? 0, failStatus, paddingBytes ?? 0);
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
