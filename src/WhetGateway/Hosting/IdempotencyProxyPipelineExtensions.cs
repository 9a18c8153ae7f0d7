using Microsoft.AspNetCore.Builder;
using WhetGateway.Idempotency;
using Yarp.ReverseProxy.Model;

namespace WhetGateway.Hosting;

/// <summary>Puts the idempotency middleware into YARP's proxy pipeline.</summary>
public static class IdempotencyProxyPipelineExtensions
{
    /// <summary>Adds idempotency; call it first, so replays skip load balancing and the forwarder.</summary>
    public static IReverseProxyApplicationBuilder UseIdempotency(this IReverseProxyApplicationBuilder proxy)
    {
        proxy.UseMiddleware<IdempotencyMiddleware>();
        return proxy;
    }
}
