using Microsoft.AspNetCore.Http;

namespace WhetGateway.Idempotency.Upstream;

/// <summary>
/// In-process the call is the app's own endpoint, which either answers or throws (a throw is handled as a failure
/// that may have acted), so a returned call never failed without an answer.
/// </summary>
internal sealed class EndpointFailureReader : IUpstreamFailureReader
{
    public UpstreamFailure Read(HttpContext context) => UpstreamFailure.None;
}
