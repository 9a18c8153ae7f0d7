using Microsoft.Extensions.Logging;
using WhetGateway.Storage;
using WhetGateway.Telemetry;

namespace WhetGateway.Idempotency;

/// <summary>The pipeline's log events. Records appear by their hashed id only: never a raw key or credential.</summary>
internal static partial class IdempotencyLog
{
    [LoggerMessage(IdempotencyEventIds.Outcome, LogLevel.Information, "Idempotency {Outcome} for record {RecordId} (policy {Policy}).")]
    public static partial void Outcome(this ILogger logger, string outcome, RecordId recordId, string policy);

    [LoggerMessage(IdempotencyEventIds.PassedThrough, LogLevel.Debug, "Request passed through without idempotency: {Reason} (policy {Policy}).")]
    public static partial void PassThrough(this ILogger logger, string reason, string policy);

    // The reason only, not the stack: an outage logs this once per request.
    [LoggerMessage(IdempotencyEventIds.StoreUnavailable, LogLevel.Warning, "Idempotency store unavailable for record {RecordId}; answering per policy {Policy} ({Behavior}): {Reason}")]
    public static partial void StoreUnavailable(this ILogger logger, RecordId recordId, string policy, string behavior, string reason);

    [LoggerMessage(IdempotencyEventIds.RecordNotYetStored, LogLevel.Warning, "Could not record the response of {RecordId} yet; trying again until the store answers.")]
    public static partial void CompleteFailed(this ILogger logger, Exception exception, RecordId recordId);

    [LoggerMessage(IdempotencyEventIds.ReleaseFailed, LogLevel.Warning, "Could not release the claim on {RecordId}; a retry waits out its lease.")]
    public static partial void ReleaseFailed(this ILogger logger, Exception exception, RecordId recordId);

    [LoggerMessage(IdempotencyEventIds.ClaimTakenOver, LogLevel.Warning, "Claim on {RecordId} was taken over before its response was recorded; the response was not stored.")]
    public static partial void ClaimLost(this ILogger logger, RecordId recordId);

    [LoggerMessage(IdempotencyEventIds.RecordGivenUp, LogLevel.Error, "Gave up recording the response of {RecordId} after {Window}; its claim lapses with its lease and a retry will run again.")]
    public static partial void RecordAbandoned(this ILogger logger, RecordId recordId, TimeSpan window);

    [LoggerMessage(IdempotencyEventIds.OutcomeUnknown, LogLevel.Warning, "The outcome of {RecordId} is unknown ({Reason}); under at-most-once its retries answer 409 outcome_unknown until an operator forgets the key (policy {Policy}).")]
    public static partial void OutcomeUnknown(this ILogger logger, RecordId recordId, string reason, string policy);

    [LoggerMessage(IdempotencyEventIds.RenewFailed, LogLevel.Warning, "Could not renew the lease on {RecordId}; retrying at the next interval.")]
    public static partial void RenewFailed(this ILogger logger, Exception exception, RecordId recordId);
}
