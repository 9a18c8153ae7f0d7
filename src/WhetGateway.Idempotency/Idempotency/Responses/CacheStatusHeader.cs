using WhetGateway.Telemetry;

namespace WhetGateway.Idempotency.Responses;

/// <summary>
/// <c>X-Whet-Cache</c> on the answers of a policy with a response cache: <c>hit</c> when the answer is the recorded
/// response, <c>miss</c> when the upstream was called. Set in this one place, as the response starts (the middleware's one
/// hook there), from the request's outcome; <see cref="RecordedHeaders"/> never records it, so a replay states only its own.
/// </summary>
internal static class CacheStatusHeader
{
    public const string Name = "X-Whet-Cache";

    /// <summary>Marks the response of <paramref name="context"/>, as it starts, if its policy caches responses.</summary>
    public static void Mark(IdempotencyContext context)
    {
        if (context.Policy.ResponseCache is not null && ValueFor(context.Outcome) is { } value)
        {
            context.HttpContext.Response.Headers[Name] = value;
        }
    }

    private static string? ValueFor(IdempotencyOutcome? outcome) => outcome switch
    {
        IdempotencyOutcome.Replayed or IdempotencyOutcome.Waited => "hit",
        IdempotencyOutcome.Executed or IdempotencyOutcome.TakenOver => "miss",
        _ => null,
    };
}
