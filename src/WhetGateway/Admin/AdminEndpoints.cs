using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using WhetGateway.Idempotency.Protocols;
using WhetGateway.Idempotency.Responses;
using WhetGateway.Management;
using WhetGateway.Resources;
using WhetGateway.Scoping;
using WhetGateway.Storage;

namespace WhetGateway.Admin;

/// <summary>
/// Operator endpoints, off by default, behind the operator's bearer token (a tenant's token gets 401) and on the
/// management listener when there is one:
/// <c>POST {PathBase}/evictions</c> with <c>{"path":"/pipelines/pl_123"}</c> tombstones a resource deleted without
/// passing through the gateway (a backend job, a webhook), exactly as a DELETE through the gateway would;
/// <c>POST {PathBase}/records/lookup</c> and <c>POST {PathBase}/records/forget</c> with a <see cref="RecordLookup"/>
/// body show a key's state (never its body) and forget it. The caller's credential and key travel in the body, never
/// in the URL, so access logs and proxies in between never see them.
/// </summary>
internal static class AdminEndpoints
{
    private static readonly GatewayProblem StoreUnavailable = new(StatusCodes.Status503ServiceUnavailable, "idempotency_unavailable",
        "The idempotency store is unavailable; nothing was done. Retry.", RetryAfter: TimeSpan.FromSeconds(1));

    private static readonly GatewayProblem NotALookup = new(StatusCodes.Status400BadRequest, "validation_failed", $"The body must be a JSON object: {RecordLookup.Shape}.");

    public static void Map(IEndpointRouteBuilder endpoints, string pathBase)
    {
        var admin = endpoints.MapGroup(pathBase).AddEndpointFilter<AdminTokenFilter>().WithMetadata(ManagementEndpointMetadata.ManagementOnly);
        admin.MapPost("/evictions", EvictAsync);
        var records = admin.MapGroup("/records").WithMetadata(new RequestSizeLimitAttribute(RecordLookup.MaxBodyBytes));
        records.MapPost("/lookup", LookUpAsync);
        records.MapPost("/forget", ForgetAsync);
    }

    private static Task LookUpAsync(IScopeResolver scopes, IIdempotencyStoreAdministration store, HttpContext context) =>
        WithRecordAsync(scopes, context, async id => await store.InspectAsync(id, context.RequestAborted) is { } state
            ? Results.Ok(new { id = id.Value, state.State, created_at = state.CreatedAt, status = state.StatusCode, body_bytes = state.BodyBytes, expires_in_ms = (long?)state.ExpiresIn?.TotalMilliseconds })
            : null);

    private static Task ForgetAsync(IScopeResolver scopes, IIdempotencyStoreAdministration store, HttpContext context) =>
        WithRecordAsync(scopes, context, async id => await store.DeleteAsync(id, context.RequestAborted) ? Results.NoContent() : null);

    /// <summary>
    /// Finds the record id the request body names and runs <paramref name="action"/> on it; null from it means not
    /// found. A body that names no record gets a 4xx in the gateway's envelope.
    /// </summary>
    private static async Task WithRecordAsync(IScopeResolver scopes, HttpContext context, Func<RecordId, Task<IResult?>> action)
    {
        if (await ReadLookupAsync(context) is not { Scope: { } scope, Path: { } path, Key: { } key } lookup)
        {
            return;
        }

        var id = RecordId.Create(scopes.ScopeFor(scope), lookup.Method ?? HttpMethods.Post, path, key);
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

    /// <summary>Reads the lookup from the request body; when the body names no record, writes why (4xx) and returns null.</summary>
    private static async Task<RecordLookup?> ReadLookupAsync(HttpContext context)
    {
        GatewayProblem problem;
        try
        {
            if (!context.Request.HasJsonContentType())
            {
                problem = new GatewayProblem(StatusCodes.Status415UnsupportedMediaType, "unsupported_media_type", $"Send the body as application/json: {RecordLookup.Shape}.");
            }
            else if (await context.Request.ReadFromJsonAsync<RecordLookup>(context.RequestAborted) is not { } lookup)
            {
                problem = NotALookup;
            }
            else if (lookup.MissingField() is { } field)
            {
                problem = new GatewayProblem(StatusCodes.Status400BadRequest, "validation_failed", $"{field} is required: the body is {RecordLookup.Shape}.", field);
            }
            else
            {
                return lookup;
            }
        }
        catch (JsonException)
        {
            problem = NotALookup;
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            problem = new GatewayProblem(StatusCodes.Status413PayloadTooLarge, "payload_too_large", $"A lookup is at most {RecordLookup.MaxBodyBytes} bytes.");
        }

        await GatewayError.WriteAsync(context, problem);
        return null;
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
