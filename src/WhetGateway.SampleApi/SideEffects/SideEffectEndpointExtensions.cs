using WhetGateway.SampleApi.TestHooks;

namespace WhetGateway.SampleApi.SideEffects;

/// <summary>Marks endpoints as mutating calls.</summary>
internal static class SideEffectEndpointExtensions
{
    /// <summary>
    /// Applies the test hooks to the endpoint and counts one side effect under <paramref name="operation"/>
    /// each time it executes successfully.
    /// </summary>
    public static RouteHandlerBuilder WithSideEffect(this RouteHandlerBuilder builder, string operation) =>
        builder
            .AddEndpointFilter<TestHooksFilter>()
            .AddEndpointFilter(new SideEffectCountingFilter(operation));
}
