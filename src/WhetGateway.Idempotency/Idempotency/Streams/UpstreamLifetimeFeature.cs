using Microsoft.AspNetCore.Http.Features;

namespace WhetGateway.Idempotency.Streams;

/// <summary>
/// Stands in for the request's lifetime while a first execution is forwarded: the upstream call is cancelled by
/// the policy's upstream timeout, not by the client hanging up, so a side effect that started is seen through
/// and recorded for the client's retry. Aborting still closes the client's connection.
/// </summary>
internal sealed class UpstreamLifetimeFeature(IHttpRequestLifetimeFeature client, CancellationToken upstreamAborted) : IHttpRequestLifetimeFeature
{
    public CancellationToken RequestAborted { get; set; } = upstreamAborted;

    public void Abort() => client.Abort();
}
