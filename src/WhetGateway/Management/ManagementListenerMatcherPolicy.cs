using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Matching;

namespace WhetGateway.Management;

/// <summary>
/// Keeps each listener to its endpoints while routing still chooses: on the public listener a management endpoint is
/// no candidate, so its path goes to the proxy routes like any other path (or 404 when none matches), and on the
/// management listener only management endpoints are. The listener is told by the connection's local port, not by
/// <c>RequireHost</c>: a Host header is the client's to write, and one naming the management port would otherwise
/// open it on the public listener.
/// </summary>
internal sealed class ManagementListenerMatcherPolicy(ManagementListener listener) : MatcherPolicy, IEndpointSelectorPolicy
{
    public override int Order => 0;

    /// <summary>Every endpoint: management endpoints leave the public listener, and all others the management one.</summary>
    public bool AppliesToEndpoints(IReadOnlyList<Endpoint> endpoints) => true;

    public Task ApplyAsync(HttpContext httpContext, CandidateSet candidates)
    {
        var onManagementListener = listener.Serves(httpContext.Connection);
        for (var i = 0; i < candidates.Count; i++)
        {
            var management = candidates[i].Endpoint.Metadata.GetMetadata<ManagementEndpointMetadata>();
            if (onManagementListener ? management is null : management is { AlsoOnPublicListener: false })
            {
                candidates.SetValidity(i, false);
            }
        }

        return Task.CompletedTask;
    }
}
