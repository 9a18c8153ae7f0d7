using WhetGateway.Idempotency;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Puts endpoints under an idempotency policy.</summary>
public static class IdempotencyEndpointConventionBuilderExtensions
{
    /// <summary>Runs the endpoint (or every endpoint of the group) under the named policy.</summary>
    /// <typeparam name="TBuilder">An endpoint or route group builder.</typeparam>
    /// <param name="builder">The endpoint or route group.</param>
    /// <param name="policyName">The name of a policy under <c>Idempotency:Policies</c>.</param>
    /// <returns><paramref name="builder"/>, for chaining.</returns>
    public static TBuilder WithIdempotency<TBuilder>(this TBuilder builder, string policyName)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.WithMetadata(new IdempotentAttribute(policyName));
    }
}
