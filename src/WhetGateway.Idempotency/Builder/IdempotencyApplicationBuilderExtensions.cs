using Microsoft.Extensions.DependencyInjection;
using WhetGateway.Idempotency;
using WhetGateway.Resources;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Adds the idempotency middleware to an application's pipeline.</summary>
public static class IdempotencyApplicationBuilderExtensions
{
    /// <summary>
    /// Runs endpoints that name a policy (<c>WithIdempotency</c>, <see cref="IdempotentAttribute"/>) at most once per
    /// idempotency key, replaying the recorded response to retries; and, when a DELETE endpoint confirms a deletion,
    /// turns the replays of records tied to that resource into 404. Call it after <c>UseRouting</c> (when called
    /// explicitly) and after <c>UseAuthentication</c> when the scope comes from a claim.
    /// </summary>
    /// <param name="app">The application's pipeline.</param>
    /// <returns><paramref name="app"/>, for chaining.</returns>
    /// <exception cref="InvalidOperationException"><c>AddIdempotency</c> was not called.</exception>
    public static IApplicationBuilder UseIdempotency(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.ApplicationServices.GetService<IdempotencyPolicyRegistry>() is null)
        {
            throw new InvalidOperationException("Idempotency services are not registered: call services.AddIdempotency(...) first.");
        }

        app.UseMiddleware<ResourceEvictionMiddleware>();
        app.UseMiddleware<IdempotencyMiddleware>();
        return app;
    }
}
