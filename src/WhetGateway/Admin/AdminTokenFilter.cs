using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using WhetGateway.Configuration;
using WhetGateway.Idempotency.Protocols;
using WhetGateway.Idempotency.Responses;

namespace WhetGateway.Admin;

/// <summary>Lets through only requests that present the configured operator token; compares in constant time.</summary>
internal sealed class AdminTokenFilter(IOptions<IdempotencyOptions> options) : IEndpointFilter
{
    private readonly byte[] _expected = SHA256.HashData(Encoding.UTF8.GetBytes("Bearer " + options.Value.Admin.Token));

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(context.HttpContext.Request.Headers.Authorization.ToString()));
        if (CryptographicOperations.FixedTimeEquals(presented, _expected))
        {
            return await next(context);
        }

        await GatewayError.WriteAsync(context.HttpContext, new GatewayProblem(StatusCodes.Status401Unauthorized, "unauthorized", "A valid operator token is required."));
        return Results.Empty;
    }
}
