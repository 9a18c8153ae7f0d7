using WhetGateway.SampleApi.Errors;
using WhetGateway.SampleApi.Http;

namespace WhetGateway.SampleApi.TestHooks;

/// <summary>
/// Applies the <see cref="TestHookSettings"/> of a mutating call: delay, then either fail without
/// executing or execute with the requested response headers and optionally pad the success body.
/// </summary>
internal sealed class TestHooksFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (!TestHookSettings.TryRead(context.HttpContext.Request, out var hooks, out var error))
        {
            return ApiErrors.InvalidRequest(error);
        }

        if (hooks.DelayMs > 0)
        {
            // Deliberately not RequestAborted: a client that gives up during the delay must still
            // see the side effect executed, exactly like a slow legacy backend would behave.
            await Task.Delay(hooks.DelayMs, CancellationToken.None);
        }

        if (hooks.FailStatus is { } failStatus)
        {
            return ApiErrors.SampleFailure(failStatus);
        }

        foreach (var (name, value) in hooks.ResponseHeaders)
        {
            context.HttpContext.Response.Headers.Append(name, value);
        }

        var result = await next(context);
        if (hooks.PaddingBytes > 0 && NestedResults.Unwrap(result) is IValueHttpResult { Value: PaddableResponse body })
        {
            body.Padding = new string('x', hooks.PaddingBytes);
        }

        return result;
    }
}
