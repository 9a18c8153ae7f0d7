using System.Net;

namespace WhetGateway.Tests.Faults;

/// <summary>One request of <see cref="KeyedTraffic"/>: its key, when it ran, and what came back.</summary>
/// <param name="Status">The answer's status, or null when the connection failed.</param>
/// <param name="ErrorType">The <c>error.type</c> of an error envelope, if the answer was one.</param>
public sealed record KeyedAttempt(string Key, DateTime Started, DateTime Ended, HttpStatusCode? Status, string? ErrorType, bool Replayed)
{
    public TimeSpan Duration => Ended - Started;

    /// <summary>A first execution's answer: the upstream ran this key for this request.</summary>
    public bool Executed => Status == HttpStatusCode.Created && !Replayed;
}
