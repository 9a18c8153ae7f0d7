using WhetGateway.Telemetry;

namespace WhetGateway.Idempotency.Responses;

/// <summary>
/// <c>X-Whet-Cache</c> on the answers of a policy with a response cache: <c>hit</c> when the answer is the recorded
/// response, <c>miss</c> when the upstream was called. Set in this one place, as the response starts, from the
/// request's outcome; <see cref="RecordedHeaders"/> never records it, so a replay states only its own.
/// </summary>
internal static class CacheStatusHeader
{
    public const string Name = "X-Whet-Cache";

    /// <summary>Marks the response of <paramref name="context"/>, if its policy caches responses, once it starts.</summary>
    public static void MarkWhenStarting(IdempotencyContext context)
    {
        if (context.Policy.ResponseCache is null)
        {
            return;
        }

        context.HttpContext.Response.OnStarting(static state =>
        {
            var context = (IdempotencyContext)state;
            if (ValueFor(context.Outcome) is { } value)
            {
                context.HttpContext.Response.Headers[Name] = value;
            }

            return Task.CompletedTask;
        }, context);
    }

    private static string? ValueFor(IdempotencyOutcome? outcome) => outcome switch
    {
        IdempotencyOutcome.Replayed or IdempotencyOutcome.Waited => "hit",
        IdempotencyOutcome.Executed or IdempotencyOutcome.TakenOver => "miss",
        _ => null,
    };
}
