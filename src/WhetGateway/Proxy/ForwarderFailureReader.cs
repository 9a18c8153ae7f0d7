using Microsoft.AspNetCore.Http;
using WhetGateway.Idempotency.Upstream;
using Yarp.ReverseProxy.Forwarder;

namespace WhetGateway.Proxy;

/// <summary>Reads YARP's forwarder error: set when the proxied call failed without the upstream's own answer.</summary>
internal sealed class ForwarderFailureReader : IUpstreamFailureReader
{
    public UpstreamFailure Read(HttpContext context) => context.GetForwarderErrorFeature() switch
    {
        null => UpstreamFailure.None,
        var error when NeverSent(error) => UpstreamFailure.NeverSent,
        _ => UpstreamFailure.MayHaveActed,
    };

    /// <summary>
    /// Whether the forwarder failed before any byte of the request left: no destination, or the connection itself
    /// could not be made (name resolution, TCP connect such as a refusal, TLS handshake). SocketsHttpHandler reports
    /// those as <see cref="HttpRequestError"/> values only while establishing a new connection, before it writes the
    /// request; everything else (a reset, a response that ended, a timeout, even one spent connecting) may have
    /// reached the upstream.
    /// </summary>
    private static bool NeverSent(IForwarderErrorFeature error) =>
        error.Error == ForwarderError.NoAvailableDestinations
        || (error.Error == ForwarderError.Request && error.Exception is HttpRequestException
        {
            HttpRequestError: HttpRequestError.NameResolutionError or HttpRequestError.ConnectionError or HttpRequestError.SecureConnectionError,
        });
}
