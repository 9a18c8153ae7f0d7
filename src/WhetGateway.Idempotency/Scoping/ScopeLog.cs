using Microsoft.Extensions.Logging;
using WhetGateway.Telemetry;

namespace WhetGateway.Scoping;

/// <summary>Log events of scope resolution. They never carry a credential, raw or hashed, nor an organization id.</summary>
internal static partial class ScopeLog
{
    [LoggerMessage(IdempotencyEventIds.IntrospectionRefused, LogLevel.Warning, "Introspection answered {StatusCode}; the request goes on without idempotency.")]
    public static partial void IntrospectionRefused(this ILogger logger, int statusCode);

    [LoggerMessage(IdempotencyEventIds.IntrospectionFailed, LogLevel.Warning, "Introspection failed; the request goes on without idempotency.")]
    public static partial void IntrospectionFailed(this ILogger logger, Exception exception);

    [LoggerMessage(IdempotencyEventIds.IntrospectionWithoutOrganization, LogLevel.Debug, "Introspection named no organization for the credential; the request goes on without idempotency.")]
    public static partial void IntrospectionNamedNoOrganization(this ILogger logger);

    [LoggerMessage(IdempotencyEventIds.IntrospectionBusy, LogLevel.Debug, "{MaxConcurrentCalls} introspection calls are in flight already; the request goes on without idempotency.")]
    public static partial void IntrospectionCallsExhausted(this ILogger logger, int maxConcurrentCalls);
}
