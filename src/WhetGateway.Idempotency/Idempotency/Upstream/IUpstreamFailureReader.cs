using Microsoft.AspNetCore.Http;

namespace WhetGateway.Idempotency.Upstream;

/// <summary>Tells, once the call behind the middleware returned, whether it failed without an answer of its own.</summary>
internal interface IUpstreamFailureReader
{
    UpstreamFailure Read(HttpContext context);
}
