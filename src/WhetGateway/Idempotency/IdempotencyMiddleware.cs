using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;
using WhetGateway.Configuration;
using WhetGateway.Idempotency.Fingerprinting;
using WhetGateway.Idempotency.Keys;
using WhetGateway.Idempotency.RequestBody;
using WhetGateway.Idempotency.Responses;
using WhetGateway.Idempotency.Streams;
using WhetGateway.Scoping;
using WhetGateway.Storage;
using WhetGateway.Telemetry;
using Yarp.ReverseProxy.Model;

namespace WhetGateway.Idempotency;

/// <summary>
/// Gives the mutating calls of a proxied route exactly-once semantics. It runs first in YARP's proxy pipeline for
/// routes whose metadata names a policy: it buffers the body, reads and checks the key, resolves the caller's
/// scope, fingerprints the request, and then either replays the recorded response, waits for the original still
/// in flight (on any instance), or claims the key, forwards once, and records the response.
/// </summary>
internal sealed class IdempotencyMiddleware(
    RequestDelegate next,
    IdempotencyPolicyRegistry policies,
    IScopeResolver scopes,
    IIdempotencyStore store,
    TimeProvider time,
    IdempotencyTelemetry telemetry,
    PendingRecords pendingRecords,
    ILogger<IdempotencyMiddleware> logger)
{
    /// <summary>How often a waiter looks again even without a change notice, which Redis pub/sub may drop.</summary>
    private static readonly TimeSpan MaxPollInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>How often a response the store did not take is offered to it again.</summary>
    private static readonly TimeSpan RecordRetryInterval = TimeSpan.FromMilliseconds(250);

    public Task InvokeAsync(HttpContext context)
    {
        var policy = policies.Find(context.GetRouteModel());
        return policy is not null && policy.AppliesTo(context.Request.Method) ? InvokeWithPolicyAsync(context, policy) : next(context);
    }

    private async Task InvokeWithPolicyAsync(HttpContext context, IdempotencyPolicy policy)
    {
        BufferedRequestBody? body;
        try
        {
            body = await BufferedRequestBody.ReadAsync(context.Request, policy.MaxRequestBodyBytes, context.RequestAborted);
        }
        catch (BadHttpRequestException exception)
        {
            // Kestrel refused the body's framing (bad chunking, fewer bytes than the Content-Length, too slow): the
            // client's fault, answered as such rather than left to escape as an unhandled exception.
            telemetry.Outcome(IdempotencyOutcome.Rejected, policy);
            if (!context.RequestAborted.IsCancellationRequested)
            {
                await GatewayError.WriteAsync(context, exception.StatusCode, "validation_failed", $"The request body could not be read: {exception.Message}");
            }

            return;
        }

        using var owned = body;
        if (body is null)
        {
            telemetry.Outcome(IdempotencyOutcome.Rejected, policy);
            await GatewayError.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "payload_too_large",
                $"The request body exceeds {policy.MaxRequestBodyBytes} bytes, the most this endpoint accepts.");
            return;
        }

        context.Request.Body = body.OpenRead();
        var payload = await DecodePayloadAsync(context, policy, body);
        if (payload is null)
        {
            return;
        }

        var key = IdempotencyKeyReader.Read(payload.Value.Span, context.Request.Headers, policy);
        switch (key.Status)
        {
            case KeyReadStatus.Invalid or KeyReadStatus.MalformedBody:
                telemetry.Outcome(IdempotencyOutcome.Rejected, policy);
                await GatewayError.WriteAsync(context, StatusCodes.Status400BadRequest, "validation_failed", key.Error!, key.Param);
                return;
            case KeyReadStatus.Absent when policy.RequireKey:
                telemetry.Outcome(IdempotencyOutcome.Rejected, policy);
                await GatewayError.WriteAsync(context, StatusCodes.Status400BadRequest, "validation_failed",
                    $"{policy.KeyField} is required on this endpoint.", policy.KeyField);
                return;
            case KeyReadStatus.Absent:
                logger.PassThrough("no key", policy.Name);
                telemetry.Outcome(IdempotencyOutcome.Passthrough, policy);
                await next(context);
                return;
        }

        var scope = await scopes.ResolveAsync(context);
        if (scope is null)
        {
            logger.PassThrough("caller has no scope", policy.Name);
            telemetry.Outcome(IdempotencyOutcome.Passthrough, policy);
            await next(context);
            return;
        }

        var request = context.Request;
        var id = RecordId.Create(scope, request.Method, request.PathBase.Add(request.Path).Value ?? "/", key.Key!);
        var fingerprint = RequestFingerprinter.Compute(payload.Value, key.BodyIsJsonObject, policy.KeyField, request.QueryString.Value ?? string.Empty);
        await ExecuteOnceAsync(context, policy, id, fingerprint);
    }

    /// <summary>
    /// The body to read the key from and fingerprint: a compressed body decoded (the forwarder still sends it as it
    /// came), since a key the gateway cannot see would silently go unprotected. Null after answering a body that
    /// cannot be decoded, decodes too large, or uses a coding the gateway does not know.
    /// </summary>
    private async Task<ReadOnlyMemory<byte>?> DecodePayloadAsync(HttpContext context, IdempotencyPolicy policy, BufferedRequestBody body)
    {
        var contentEncoding = context.Request.Headers.ContentEncoding;
        if (StringValues.IsNullOrEmpty(contentEncoding))
        {
            return body.Payload;
        }

        var status = RequestContentDecoder.Decode(body.Content, contentEncoding, policy.MaxRequestBodyBytes, out var decoded);
        if (status == ContentDecodingStatus.Decoded)
        {
            return BufferedRequestBody.WithoutByteOrderMark(decoded);
        }

        telemetry.Outcome(IdempotencyOutcome.Rejected, policy);
        switch (status)
        {
            case ContentDecodingStatus.TooLarge:
                await GatewayError.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "payload_too_large",
                    $"The decoded request body exceeds {policy.MaxRequestBodyBytes} bytes, the most this endpoint accepts.");
                break;
            case ContentDecodingStatus.Corrupt:
                await GatewayError.WriteAsync(context, StatusCodes.Status400BadRequest, "validation_failed",
                    $"The request body is not valid {contentEncoding} content.");
                break;
            default:
                context.Response.Headers.AcceptEncoding = RequestContentDecoder.Supported;
                await GatewayError.WriteAsync(context, StatusCodes.Status415UnsupportedMediaType, "unsupported_content_encoding",
                    $"This endpoint reads the idempotency key inside the body, and cannot decode Content-Encoding {contentEncoding}; use {RequestContentDecoder.Supported}, or none.");
                break;
        }

        return null;
    }

    private async Task ExecuteOnceAsync(HttpContext context, IdempotencyPolicy policy, RecordId id, Fingerprint fingerprint)
    {
        var started = time.GetUtcNow();
        var deadline = started + policy.MaxWait;
        var waited = false;
        while (true)
        {
            BeginResult begin;
            using var watch = store.Watch(id);
            var claimedAt = time.GetUtcNow();
            try
            {
                begin = await store.BeginAsync(id, fingerprint, policy.LeaseDuration, context.RequestAborted);
            }
            catch (StoreUnavailableException exception)
            {
                await AnswerStoreUnavailableAsync(context, policy, id, exception);
                return;
            }

            switch (begin.Outcome)
            {
                case BeginOutcome.Claimed:
                    telemetry.Outcome(waited ? IdempotencyOutcome.TakenOver : IdempotencyOutcome.Executed, policy, id);
                    await ForwardAndRecordAsync(context, policy, begin.Claim, claimedAt);
                    return;
                case BeginOutcome.Completed:
                    if (waited)
                    {
                        telemetry.Waited(time.GetUtcNow() - started);
                    }

                    await AnswerFromRecordAsync(context, policy, id, fingerprint, begin.Record!, waited);
                    return;
            }

            if (begin.HolderFingerprint != fingerprint)
            {
                await AnswerMismatchAsync(context, policy, id);
                return;
            }

            var remaining = deadline - time.GetUtcNow();
            if (remaining <= TimeSpan.Zero)
            {
                telemetry.Waited(time.GetUtcNow() - started);
                telemetry.Outcome(IdempotencyOutcome.InProgress, policy, id);
                await GatewayError.WriteAsync(context, StatusCodes.Status409Conflict, "request_in_progress",
                    "The original request with this key is still running; retry with the same key.", policy.KeyField, begin.LeaseRemaining);
                return;
            }

            waited = true;
            var pause = Min(remaining, Min(MaxPollInterval, begin.LeaseRemaining + TimeSpan.FromMilliseconds(1)));
            await Task.WhenAny(watch.Changed, Task.Delay(pause, time, context.RequestAborted));
            context.RequestAborted.ThrowIfCancellationRequested();
        }
    }

    private async Task ForwardAndRecordAsync(HttpContext context, IdempotencyPolicy policy, Claim claim, DateTimeOffset claimedAt)
    {
        // Recorded bytes must suit every retry, whatever it accepts, and the body was already read.
        context.Request.Headers.Remove(HeaderNames.AcceptEncoding);
        context.Request.Headers.Remove(HeaderNames.Expect);

        using var upstreamTimeout = new CancellationTokenSource(policy.UpstreamTimeout, time);
        var clientLifetime = context.Features.GetRequiredFeature<IHttpRequestLifetimeFeature>();
        var clientBody = context.Response.Body;
        var recorder = new RecordingResponseStream(clientBody, policy.MaxRecordedResponseBytes);
        context.Features.Set<IHttpRequestLifetimeFeature>(new UpstreamLifetimeFeature(clientLifetime, upstreamTimeout.Token));
        context.Response.Body = recorder;
        telemetry.ClaimStarted();
        try
        {
            await using (LeaseKeeper.Start(store, claim, policy.LeaseDuration, time, logger))
            {
                await next(context);
            }
        }
        catch
        {
            await ReleaseAsync(claim);
            throw;
        }
        finally
        {
            telemetry.ClaimEnded();
            context.Response.Body = clientBody;
            context.Features.Set(clientLifetime);
        }

        if (IsReleased(context, policy, recorder))
        {
            telemetry.Executed("released", policy);
            await ReleaseAsync(claim);
            if (upstreamTimeout.IsCancellationRequested && !context.Response.HasStarted && !clientLifetime.RequestAborted.IsCancellationRequested)
            {
                // YARP reads the cancelled RequestAborted as a client that left and sets 400; the client is still here.
                context.Response.Clear();
                await GatewayError.WriteAsync(context, StatusCodes.Status504GatewayTimeout, "upstream_timeout",
                    $"The upstream did not answer within {policy.UpstreamTimeout}. Nothing was recorded: a retry with the same key runs the request again.");
            }

            return;
        }

        var record = new IdempotencyRecord
        {
            Kind = recorder.RecordedWhole ? RecordKind.Response : RecordKind.NotReplayable,
            Fingerprint = claim.Fingerprint,
            CreatedAt = time.GetUtcNow(),
            StatusCode = context.Response.StatusCode,
            Headers = RecordedHeaders.Capture(context.Response.Headers, policy.ExcludedResponseHeaders),
            Body = recorder.RecordedWhole ? recorder.Recorded : ReadOnlyMemory<byte>.Empty,
            OriginalBodyLength = recorder.BytesWritten,
        };
        var resources = policy.Resources.Find(context.Response.Headers, record.Body);
        if (!await TryRecordAsync(policy, claim, claimedAt, record, resources, logFailure: true))
        {
            pendingRecords.Track(RecordOnceStoreReturnsAsync(policy, claim, claimedAt, record, resources));
        }
    }

    /// <summary>Ties and completes the record; false when the store did not answer, so it is not recorded yet.</summary>
    private async Task<bool> TryRecordAsync(
        IdempotencyPolicy policy, Claim claim, DateTimeOffset claimedAt, IdempotencyRecord record, IReadOnlyList<string> resources, bool logFailure)
    {
        bool completed;
        IdempotencyRecord recorded;
        try
        {
            (recorded, var lifetime) = await TieToResourcesAsync(policy, claim, claimedAt, record, resources);
            completed = await store.CompleteAsync(claim, recorded, lifetime, CancellationToken.None);
        }
        catch (StoreUnavailableException exception)
        {
            if (logFailure)
            {
                logger.CompleteFailed(exception, claim.Id);
            }

            return false;
        }

        telemetry.Executed(completed ? "recorded" : "lost", policy);
        if (completed)
        {
            telemetry.Recorded(recorded.Body.Length);
        }
        else
        {
            logger.ClaimLost(claim.Id);
        }

        return true;
    }

    /// <summary>
    /// The upstream ran, its answer went to the client, but the store did not take the record. While the store is
    /// down nobody can claim the key, so recording it as soon as the store answers again, before any retry can take
    /// the key over, keeps that retry from running it a second time. It keeps trying for <c>MaxWait</c>, as long as
    /// a duplicate would wait for the original.
    /// </summary>
    private async Task RecordOnceStoreReturnsAsync(IdempotencyPolicy policy, Claim claim, DateTimeOffset claimedAt, IdempotencyRecord record, IReadOnlyList<string> resources)
    {
        var deadline = time.GetUtcNow() + policy.MaxWait;
        while (time.GetUtcNow() < deadline)
        {
            await Task.Delay(RecordRetryInterval, time);
            if (await TryRecordAsync(policy, claim, claimedAt, record, resources, logFailure: false))
            {
                return;
            }
        }

        telemetry.Executed("lost", policy);
        logger.RecordAbandoned(claim.Id, policy.MaxWait);
    }

    /// <summary>
    /// Ties the record to the resources its response names, before completing it, so a DELETE can never miss it.
    /// A tied record lives until its resource is deleted (or <c>MaxRecordAge</c>); if the DELETE came first, the
    /// record is a tombstone from the start.
    /// </summary>
    private async Task<(IdempotencyRecord Record, TimeSpan? Lifetime)> TieToResourcesAsync(
        IdempotencyPolicy policy, Claim claim, DateTimeOffset claimedAt, IdempotencyRecord record, IReadOnlyList<string> resources)
    {
        if (resources.Count == 0)
        {
            return (record, policy.RecordTtl);
        }

        var ties = await Task.WhenAll(resources.Select(resource =>
            store.TieAsync(claim.Id, new ResourceTie(resource, claimedAt, policy.MaxRecordAge, policy.TombstoneTtl), CancellationToken.None).AsTask()));
        return ties.All(tied => tied)
            ? (record, policy.MaxRecordAge)
            : (Tombstone.Create(time.GetUtcNow()), policy.TombstoneTtl);
    }

    /// <summary>A proxy error, a status the policy releases on, or a body cut short: nothing worth replaying.</summary>
    private static bool IsReleased(HttpContext context, IdempotencyPolicy policy, RecordingResponseStream recorder) =>
        context.GetForwarderErrorFeature() is not null
        || policy.ReleasesOn(context.Response.StatusCode)
        || (context.Response.ContentLength is { } length && length != recorder.BytesWritten);

    private async Task ReleaseAsync(Claim claim)
    {
        try
        {
            await store.ReleaseAsync(claim, CancellationToken.None);
        }
        catch (StoreUnavailableException exception)
        {
            logger.ReleaseFailed(exception, claim.Id);
        }
    }

    private async Task AnswerFromRecordAsync(HttpContext context, IdempotencyPolicy policy, RecordId id, Fingerprint fingerprint, IdempotencyRecord record, bool waited)
    {
        if (record.Kind == RecordKind.Tombstone)
        {
            telemetry.Outcome(IdempotencyOutcome.Tombstone, policy, id);
            await GatewayError.WriteAsync(context, StatusCodes.Status404NotFound, "not_found",
                "The resource this request created has been deleted; its result is gone.");
            return;
        }

        if (record.Fingerprint != fingerprint)
        {
            await AnswerMismatchAsync(context, policy, id);
            return;
        }

        if (record.Kind == RecordKind.NotReplayable)
        {
            telemetry.Outcome(IdempotencyOutcome.NotReplayable, policy, id);
            await GatewayError.WriteAsync(context, StatusCodes.Status409Conflict, "response_not_replayable",
                $"The original request completed with status {record.StatusCode}, but its {record.OriginalBodyLength}-byte response "
                + $"exceeded the {policy.MaxRecordedResponseBytes}-byte recording limit. It will not run again.", policy.KeyField);
            return;
        }

        telemetry.Outcome(waited ? IdempotencyOutcome.Waited : IdempotencyOutcome.Replayed, policy, id);
        await ReplayWriter.WriteAsync(context, record);
    }

    private Task AnswerMismatchAsync(HttpContext context, IdempotencyPolicy policy, RecordId id)
    {
        telemetry.Outcome(IdempotencyOutcome.Mismatch, policy, id);
        return GatewayError.WriteAsync(context, StatusCodes.Status422UnprocessableEntity, "validation_failed",
            "This idempotency key was already used with a different request body.", policy.KeyField);
    }

    private async Task AnswerStoreUnavailableAsync(HttpContext context, IdempotencyPolicy policy, RecordId id, StoreUnavailableException exception)
    {
        logger.StoreUnavailable(exception, id, policy.Name, policy.OnStoreUnavailable.ToString());
        telemetry.Outcome(IdempotencyOutcome.StoreUnavailable, policy, id);
        if (policy.OnStoreUnavailable == StoreUnavailableBehavior.PassThrough)
        {
            await next(context);
            return;
        }

        await GatewayError.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "idempotency_unavailable",
            "The idempotency store is unavailable, so this request was not forwarded. Retry with the same key.", retryAfter: TimeSpan.FromSeconds(1));
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
