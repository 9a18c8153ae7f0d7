using WhetGateway.SampleApi.Http;

namespace WhetGateway.SampleApi.SideEffects;

/// <summary>Records one executed side effect of <paramref name="operation"/> when the handler answers with a 2xx status.</summary>
/// <param name="operation">The operation name the side effect is counted under.</param>
internal sealed class SideEffectCountingFilter(string operation) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        if (NestedResults.Unwrap(result) is IStatusCodeHttpResult { StatusCode: >= 200 and < 300 })
        {
            context.HttpContext.RequestServices.GetRequiredService<SideEffectCounter>().Record(operation);
        }

        return result;
    }
}
