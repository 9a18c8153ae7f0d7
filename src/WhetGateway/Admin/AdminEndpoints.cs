using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using WhetGateway.Idempotency.Protocols;
using WhetGateway.Idempotency.Responses;
using WhetGateway.Resources;
using WhetGateway.Scoping;
using WhetGateway.Storage;

namespace WhetGateway.Admin;

/// <summary>
/// Operator endpoints, off by default and behind the operator's bearer token (a tenant's token gets 401):
/// <c>POST {PathBase}/evictions</c> with <c>{"path":"/pipelines/pl_123"}</c> tombstones a resource deleted without
/// passing through the gateway (a backend job, a webhook), exactly as a DELETE through the gateway would;
/// <c>GET</c> and <c>DELETE {PathBase}/records?scope=…&amp;method=…&amp;path=…&amp;key=…</c> show a key's state (never
/// its body) and forget it.
/// </summary>
internal static class AdminEndpoints
{
    private static readonly GatewayProblem StoreUnavailable = new(StatusCodes.Status503ServiceUnavailable, "idempotency_unavailable",
        "The idempotency store is unavailable; nothing was done. Retry.", RetryAfter: TimeSpan.FromSeconds(1));

    public static void Map(IEndpointRouteBuilder endpoints, string pathBase)
    {
        var admin = endpoints.MapGroup(pathBase).AddEndpointFilter<AdminTokenFilter>();
        admin.MapPost("/evictions", EvictAsync);
        admin.MapGet("/records", InspectAsync);
        admin.MapDelete("/records", DeleteAsync);
    }

    private static Task InspectAsync([AsParameters] RecordLookup lookup, IScopeResolver scopes, IIdempotencyStore store, HttpContext context) =>
        WithRecordAsync(lookup, scopes, context, async id => await store.InspectAsync(id, context.RequestAborted) is { } state
            ? Results.Ok(new { id = id.Value, state.State, created_at = state.CreatedAt, status = state.StatusCode, body_bytes = state.BodyBytes, expires_in_ms = (long?)state.ExpiresIn?.TotalMilliseconds })
            : null);

    private static Task DeleteAsync([AsParameters] RecordLookup lookup, IScopeResolver scopes, IIdempotencyStore store, HttpContext context) =>
        WithRecordAsync(lookup, scopes, context, async id => await store.DeleteAsync(id, context.RequestAborted) ? Results.NoContent() : null);

    /// <summary>Finds the record id a lookup names and runs <paramref name="action"/> on it; null from it means not found.</summary>
    private static async Task WithRecordAsync(RecordLookup lookup, IScopeResolver scopes, HttpContext context, Func<RecordId, Task<IResult?>> action)
    {
        if (string.IsNullOrEmpty(lookup.Scope) || string.IsNullOrEmpty(lookup.Path) || string.IsNullOrEmpty(lookup.Key))
        {
            await GatewayError.WriteAsync(context, new GatewayProblem(StatusCodes.Status400BadRequest, "validation_failed",
                "scope, path and key are required; method defaults to POST.", "scope"));
            return;
        }

        var id = RecordId.Create(scopes.ScopeFor(lookup.Scope), lookup.Method ?? HttpMethods.Post, lookup.Path, lookup.Key);
        try
        {
            if (await action(id) is { } result)
            {
                await result.ExecuteAsync(context);
            }
            else
            {
                await GatewayError.WriteAsync(context, new GatewayProblem(StatusCodes.Status404NotFound, "not_found", "No record or claim for that key."));
            }
        }
        catch (StoreUnavailableException)
        {
            await GatewayError.WriteAsync(context, StoreUnavailable);
        }
    }

    private static async Task<IResult> EvictAsync(EvictionRequest request, ResourceEvictor evictor, HttpContext context)
    {
        if (ResourcePath.Normalize(request.Path) is not { } path)
        {
            await GatewayError.WriteAsync(context, new GatewayProblem(StatusCodes.Status400BadRequest, "validation_failed", "path must be a resource path such as /pipelines/pl_123.", "path"));
            return Results.Empty;
        }

        try
        {
            return Results.Ok(new EvictionResult(path, await evictor.EvictEverywhereAsync(path, context.RequestAborted)));
        }
        catch (StoreUnavailableException)
        {
            await GatewayError.WriteAsync(context, StoreUnavailable);
            return Results.Empty;
        }
    }
}
