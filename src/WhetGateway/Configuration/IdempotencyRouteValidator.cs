using WhetGateway.Idempotency;
using Yarp.ReverseProxy.Transforms.Builder;

namespace WhetGateway.Configuration;

/// <summary>
/// Checks, whenever YARP loads routes, that every <c>IdempotencyPolicy</c> a route names exists: at start an unknown
/// name stops the gateway; on reload the change is refused and the last good configuration keeps serving.
/// </summary>
internal sealed class IdempotencyRouteValidator(IdempotencyPolicyRegistry policies) : ITransformProvider
{
    public void ValidateRoute(TransformRouteValidationContext context)
    {
        var metadata = context.Route.Metadata;
        if (metadata is not null && metadata.TryGetValue(IdempotencyPolicyRegistry.MetadataKey, out var name) && !policies.Contains(name))
        {
            context.Errors.Add(new ArgumentException(
                $"ReverseProxy:Routes:{context.Route.RouteId}:Metadata:{IdempotencyPolicyRegistry.MetadataKey} names policy '{name}', which is not defined under Idempotency:Policies."));
        }
    }

    public void ValidateCluster(TransformClusterValidationContext context)
    {
    }

    public void Apply(TransformBuilderContext context)
    {
    }
}
