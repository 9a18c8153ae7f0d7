using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;
using WhetGateway.Configuration;
using WhetGateway.Idempotency.Errors;
using WhetGateway.Idempotency.Protocols;
using WhetGateway.Idempotency.RequestBody;
using WhetGateway.Mcp;
using WhetGateway.Idempotency.Responses;
using WhetGateway.Idempotency.Streams;
using WhetGateway.Idempotency.Upstream;
using WhetGateway.Json;
using WhetGateway.Scoping;
using WhetGateway.Storage;
using WhetGateway.Telemetry;

namespace WhetGateway.Idempotency;

/// <summary>
/// Gives the mutating calls of an endpoint exactly-once semantics. It runs for endpoints whose metadata names a
/// policy (<see cref="IIdempotencyPolicyMetadata"/>): first in YARP's proxy pipeline in the gateway, or in an app's
/// own pipeline after routing. It buffers the body, reads and checks the key, resolves the caller's
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
    IUpstreamFailureReader upstreamFailures,
    IOptions<IdempotencyOptions> options,
    ILogger<IdempotencyMiddleware> logger)
{
    /// <summary>How often a response the store did not take is offered to it again.</summary>
    private static readonly TimeSpan RecordRetryInterval = TimeSpan.FromMilliseconds(250);

    private static readonly McpProtocol Mcp = new();

    private readonly RestProtocol _rest = new(options.Value.ErrorFormat);

    public Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<IIdempotencyPolicyMetadata>()?.PolicyName is not { } name)
        {
            return next(context);
        }

        // An endpoint that names a policy nobody configured (a typo) must not run unprotected: it fails instead.
        var policy = policies.Find(name)
            ?? throw new InvalidOperationException($"The endpoint names idempotency policy '{name}', which is not configured under Idempotency:Policies.");
        return policy.AppliesTo(context.Request.Method)
            ? InvokeWithPolicyAsync(new IdempotencyContext(context, policy, policy.Protocol == IdempotencyProtocolKind.Mcp ? Mcp : _rest))
            : next(context);
    }

    private async Task InvokeWithPolicyAsync(IdempotencyContext context)
    {
        // Reported as the answer starts, so it is counted before the client can hold the whole answer; a request that
        // ends without starting one (the client left) is reported as it leaves.
        context.HttpContext.Response.OnStarting(OnResponseStartingAsync, context);
        try
        {
            await RunAsync(context);
        }
        finally
        {
            telemetry.Report(context);
        }
    }

    private Task OnResponseStartingAsync(object state)
    {
        var context = (IdempotencyContext)state;
        CacheStatusHeader.Mark(context);
        telemetry.Report(context);
        return Task.CompletedTask;
    }

    private async Task RunAsync(IdempotencyContext context)
    {
        var (http, policy) = (context.HttpContext, context.Policy);
        try
        {
            context.Body = await BufferedRequestBody.ReadAsync(http.Request.Body, http.Request.ContentLength, policy.MaxRequestBodyBytes, http.RequestAborted);
        }
        catch (BadHttpRequestException exception)
        {
            // Kestrel refused the body's framing (bad chunking, fewer bytes than the Content-Length, too slow): the
            // client's fault, answered as such rather than left to escape as an unhandled exception.
            context.Outcome = IdempotencyOutcome.Rejected;
            if (!http.RequestAborted.IsCancellationRequested)
            {
                await context.Protocol.WriteProblemAsync(context, IdempotencyProblem.BodyUnreadable(exception));
            }

            return;
        }

        using var owned = context.Body;
        if (context.Body is null)
        {
            await RejectAsync(context, IdempotencyProblem.BodyTooLarge(policy.MaxRequestBodyBytes));
            return;
        }

        http.Request.Body = context.Body.OpenRead();
        using var decoded = await DecodePayloadAsync(context);
        if (decoded is null)
        {
            return;
        }

        if (JsonLimits.IsTooDeep(decoded.Payload.Span))
        {
            // Before any protocol parses it, so that no parser meets a body deeper than all of them accept.
            await RejectAsync(context, IdempotencyProblem.BodyTooDeep());
            return;
        }

        var request = context.Request = context.Protocol.Identify(context, decoded.Payload);
        if (request.Kind == RequestIdentityKind.Rejected)
        {
            await RejectAsync(context, request.Problem!);
            return;
        }

        var scope = request.Kind == RequestIdentityKind.Identified ? await scopes.ResolveAsync(http) : null;
        if (scope is null)
        {
            logger.PassThrough(request.PassThroughReason ?? "caller has no scope", policy.Name);
            context.Outcome = IdempotencyOutcome.Passthrough;
            await next(http);
            return;
        }

        context.Scope = scope;
        context.Id = request.RecordIn(scope, http.Request.Method);
        await ExecuteOnceAsync(context);
    }

    /// <summary>
    /// The body to read the key from and fingerprint: the buffered body itself, or, for a compressed body, its
    /// decoded payload (the forwarder still sends the body as it came), since a key the gateway cannot see would
    /// silently go unprotected. Null after answering a body that lists too many codings, uses one the gateway does
    /// not know, cannot be decoded, or decodes too large.
    /// </summary>
    private static async Task<BufferedRequestBody?> DecodePayloadAsync(IdempotencyContext context)
    {
        var (http, policy, body) = (context.HttpContext, context.Policy, context.Body!);
        var contentEncoding = http.Request.Headers.ContentEncoding;
        if (StringValues.IsNullOrEmpty(contentEncoding))
        {
            return body;
        }

        var (status, decoded) = await RequestContentDecoder.DecodeAsync(body, contentEncoding, policy.MaxRequestBodyBytes, http.RequestAborted);
        if (status == ContentDecodingStatus.Decoded)
        {
            return decoded;
        }

        if (status is ContentDecodingStatus.Unsupported or ContentDecodingStatus.TooManyCodings)
        {
            http.Response.Headers.AcceptEncoding = RequestContentDecoder.Supported;
        }

        await RejectAsync(context, status switch
        {
            ContentDecodingStatus.TooLarge => IdempotencyProblem.DecodedBodyTooLarge(policy.MaxRequestBodyBytes),
            ContentDecodingStatus.Corrupt => IdempotencyProblem.BodyNotDecodable(contentEncoding.ToString()),
            ContentDecodingStatus.TooManyCodings => IdempotencyProblem.TooManyContentCodings(),
            _ => IdempotencyProblem.UnsupportedContentEncoding(contentEncoding.ToString()),
        });
        return null;
    }

    private async Task ExecuteOnceAsync(IdempotencyContext context)
    {
        var (http, policy) = (context.HttpContext, context.Policy);
        var started = time.GetUtcNow();
        var deadline = started + policy.MaxWait;
        var waited = false;
        while (true)
        {
            BeginResult begin;
            var claimStarted = time.GetTimestamp();
            try
            {
                begin = await store.BeginAsync(context.Id, context.Fingerprint, policy.LeaseDuration, policy.RememberLapsedClaimsFor, http.RequestAborted);
            }
            catch (StoreUnavailableException exception)
            {
                await AnswerStoreUnavailableAsync(context, exception);
                return;
            }

            switch (begin.Outcome)
            {
                case BeginOutcome.Claimed:
                    context.Outcome = waited ? IdempotencyOutcome.TakenOver : IdempotencyOutcome.Executed;
                    await ForwardAndRecordAsync(context, begin.Claim, claimStarted);
                    return;
                case BeginOutcome.Completed:
                    if (waited)
                    {
                        context.WaitedFor = time.GetUtcNow() - started;
                    }

                    await AnswerFromRecordAsync(context, begin.Record!, waited);
                    return;
            }

            if (begin.HolderFingerprint != context.Fingerprint)
            {
                await AnswerMismatchAsync(context);
                return;
            }

            var remaining = deadline - time.GetUtcNow();
            if (remaining <= TimeSpan.Zero)
            {
                context.WaitedFor = time.GetUtcNow() - started;
                await AnswerAsync(context, IdempotencyOutcome.InProgress, IdempotencyProblem.RequestInProgress(policy.KeyField, begin.LeaseRemaining));
                return;
            }

            // The watch, shared with this instance's other waiters on the key, looks at the key once it listens (so
            // a change since the begin is seen), then wakes us when the claim ends or lapses.
            waited = true;
            using var watch = store.Watch(context.Id);
            await Task.WhenAny(watch.Changed, Task.Delay(remaining, time, http.RequestAborted));
            http.RequestAborted.ThrowIfCancellationRequested();
        }
    }

    /// <param name="context">The request.</param>
    /// <param name="claim">Its claim on the key.</param>
    /// <param name="claimStarted">When the claim was asked for, as a <see cref="TimeProvider.GetTimestamp"/>.</param>
    private async Task ForwardAndRecordAsync(IdempotencyContext context, Claim claim, long claimStarted)
    {
        var (http, policy) = (context.HttpContext, context.Policy);

        // Recorded bytes must suit every retry, whatever it accepts, and the body was already read.
        http.Request.Headers.Remove(HeaderNames.AcceptEncoding);
        http.Request.Headers.Remove(HeaderNames.Expect);
        using var upstreamTimeout = new CancellationTokenSource(policy.UpstreamTimeout, time);
        var clientLifetime = http.Features.GetRequiredFeature<IHttpRequestLifetimeFeature>();
        var clientBody = http.Response.Body;
        var recorder = new RecordingResponseStream(clientBody, policy.MaxRecordedResponseBytes);
        http.Features.Set<IHttpRequestLifetimeFeature>(new UpstreamLifetimeFeature(clientLifetime, upstreamTimeout.Token));
        http.Response.Body = recorder;
        telemetry.ClaimStarted();
        try
        {
            await using (LeaseKeeper.Start(store, claim, policy.LeaseDuration, time, logger))
            {
                await next(http);
            }
        }
        catch
        {
            await EndWithoutResponseAsync(context, claim, claimStarted, policy.Guarantee == DeliveryGuarantee.AtMostOnce, "the proxy pipeline threw");
            throw;
        }
        finally
        {
            telemetry.ClaimEnded();
            http.Response.Body = clientBody;
            http.Features.Set(clientLifetime);
        }

        if (IsReleased(context, recorder))
        {
            var unknown = policy.Guarantee == DeliveryGuarantee.AtMostOnce && MayHaveRun(http, recorder);
            await EndWithoutResponseAsync(context, claim, claimStarted, unknown, upstreamTimeout.IsCancellationRequested ? "upstream timeout" : "upstream call failed after it was sent");

            if (upstreamTimeout.IsCancellationRequested && !http.Response.HasStarted && !clientLifetime.RequestAborted.IsCancellationRequested)
            {
                // YARP reads the cancelled RequestAborted as a client that left and sets 400; the client is still here.
                http.Response.Clear();
                await context.Protocol.WriteProblemAsync(context, IdempotencyProblem.UpstreamTimeout(policy.UpstreamTimeout, unknown));
            }

            return;
        }

        var record = new IdempotencyRecord
        {
            Kind = recorder.RecordedWhole ? RecordKind.Response : RecordKind.NotReplayable,
            Fingerprint = claim.Fingerprint,
            CreatedAt = time.GetUtcNow(),
            StatusCode = http.Response.StatusCode,
            Headers = RecordedHeaders.Capture(http.Response.Headers, policy.ExcludedResponseHeaders),
            Body = recorder.RecordedWhole ? recorder.Recorded : ReadOnlyMemory<byte>.Empty,
            OriginalBodyLength = recorder.BytesWritten,
        };
        await RecordAsync(new Recording(policy, context.Scope, claim, claimStarted, record, policy.Resources.Find(http.Response.Headers, record.Body)));
    }

    /// <summary>
    /// The call ended without an answer worth replaying: when it may have run upstream under at-most-once
    /// (<paramref name="outcomeUnknown"/>), the key becomes <c>outcome_unknown</c>; otherwise it is released so a retry runs.
    /// </summary>
    private Task EndWithoutResponseAsync(IdempotencyContext context, Claim claim, long claimStarted, bool outcomeUnknown, string reason)
    {
        if (outcomeUnknown)
        {
            return RecordOutcomeUnknownAsync(context, claim, claimStarted, reason);
        }

        telemetry.Executed("released", context.Policy);
        return ReleaseAsync(claim);
    }

    /// <summary>Completes the claim with an <c>outcome_unknown</c> record, as persistently as a response would be.</summary>
    private async Task RecordOutcomeUnknownAsync(IdempotencyContext context, Claim claim, long claimStarted, string reason)
    {
        logger.OutcomeUnknown(claim.Id, reason, context.Policy.Name);
        await RecordAsync(new Recording(context.Policy, context.Scope, claim, claimStarted, OutcomeUnknown.Create(time.GetUtcNow()), []));
    }

    /// <summary>Records now, or, when the store does not answer, keeps offering the record until it does (or gives up).</summary>
    private async Task RecordAsync(Recording recording)
    {
        if (!await TryRecordAsync(recording, logFailure: true))
        {
            pendingRecords.Track(RecordOnceStoreReturnsAsync(recording));
        }
    }

    /// <summary>Ties and completes the record; false when the store did not answer, so it is not recorded yet.</summary>
    private async Task<bool> TryRecordAsync(Recording recording, bool logFailure)
    {
        var (policy, claim) = (recording.Policy, recording.Claim);
        bool completed;
        IdempotencyRecord recorded;
        try
        {
            (recorded, var lifetime) = await TieToResourcesAsync(recording);
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

        telemetry.Executed(!completed ? "lost" : recorded.Kind == RecordKind.OutcomeUnknown ? "outcome_unknown" : "recorded", policy);
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
    private async Task RecordOnceStoreReturnsAsync(Recording recording)
    {
        var policy = recording.Policy;
        var deadline = time.GetUtcNow() + policy.MaxWait;
        while (time.GetUtcNow() < deadline)
        {
            await Task.Delay(RecordRetryInterval, time);
            if (await TryRecordAsync(recording, logFailure: false))
            {
                return;
            }
        }

        telemetry.Executed("lost", policy);
        logger.RecordAbandoned(recording.Claim.Id, policy.MaxWait);
    }

    /// <summary>
    /// Ties the record to the resources its response names, before completing it, so a DELETE can never miss it:
    /// in the caller's own scope, or where any caller's DELETE may evict it when the policy says so. A tied record
    /// lives until its resource is deleted, or <c>MaxRecordAge</c>; if the DELETE came first, the record is a
    /// tombstone from the start.
    /// </summary>
    private async Task<(IdempotencyRecord Record, TimeSpan Lifetime)> TieToResourcesAsync(Recording recording)
    {
        var (policy, record) = (recording.Policy, recording.Record);
        if (recording.Resources.Count == 0)
        {
            return (record, policy.RecordTtl);
        }

        var claimAge = time.GetElapsedTime(recording.ClaimStarted);
        var ties = await Task.WhenAll(recording.Resources.Select(resource => store.TieAsync(
            recording.Claim.Id,
            new ResourceTie(resource.Path, resource.EvictAcrossScopes ? ResourceScopes.AnyCaller : recording.Scope, claimAge, policy.MaxRecordAge, policy.TombstoneTtl),
            CancellationToken.None).AsTask()));
        return ties.All(tied => tied)
            ? (record, policy.MaxRecordAge)
            : (Tombstone.Create(time.GetUtcNow()), policy.TombstoneTtl);
    }

    /// <summary>
    /// A proxy error, a status the policy releases on, a body cut short, or a failure the protocol reports
    /// (a JSON-RPC error): nothing worth replaying.
    /// </summary>
    private bool IsReleased(IdempotencyContext context, RecordingResponseStream recorder) =>
        upstreamFailures.Read(context.HttpContext) != UpstreamFailure.None
        || context.Policy.ReleasesOn(context.HttpContext.Response.StatusCode)
        || (context.HttpContext.Response.ContentLength is { } length && length != recorder.BytesWritten)
        || (recorder.RecordedWhole && context.Protocol.IsFailure(context, recorder.Recorded));

    /// <summary>
    /// Under at-most-once, whether a call released for want of an answer may still have acted upstream: any proxy error
    /// but one raised before the request was sent, or a response cut short. An answer the policy releases on (a 4xx,
    /// the upstream's own 503, a JSON-RPC error) is an outcome the upstream reported, so it is known.
    /// </summary>
    private bool MayHaveRun(HttpContext context, RecordingResponseStream recorder) =>
        upstreamFailures.Read(context) switch
        {
            UpstreamFailure.None => context.Response.ContentLength is { } length && length != recorder.BytesWritten,
            var failure => failure == UpstreamFailure.MayHaveActed,
        };

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

    private static async Task AnswerFromRecordAsync(IdempotencyContext context, IdempotencyRecord record, bool waited)
    {
        var policy = context.Policy;
        if (record.Kind == RecordKind.Tombstone)
        {
            await AnswerAsync(context, IdempotencyOutcome.Tombstone, IdempotencyProblem.ResourceDeleted());
            return;
        }

        if (record.Kind == RecordKind.OutcomeUnknown)
        {
            await AnswerAsync(context, IdempotencyOutcome.OutcomeUnknown, IdempotencyProblem.OutcomeUnknown(policy.KeyField));
            return;
        }

        if (record.Fingerprint != context.Fingerprint)
        {
            await AnswerMismatchAsync(context);
            return;
        }

        if (record.Kind == RecordKind.NotReplayable)
        {
            await AnswerAsync(context, IdempotencyOutcome.NotReplayable, IdempotencyProblem.ResponseNotReplayable(record, policy.MaxRecordedResponseBytes, policy.KeyField));
            return;
        }

        context.Outcome = waited ? IdempotencyOutcome.Waited : IdempotencyOutcome.Replayed;
        await context.Protocol.WriteReplayAsync(context, record);
    }

    private static Task AnswerMismatchAsync(IdempotencyContext context) =>
        AnswerAsync(context, IdempotencyOutcome.Mismatch, IdempotencyProblem.FingerprintMismatch(context.Policy.KeyField));

    private async Task AnswerStoreUnavailableAsync(IdempotencyContext context, StoreUnavailableException exception)
    {
        var policy = context.Policy;
        logger.StoreUnavailable(context.Id, policy.Name, policy.OnStoreUnavailable.ToString(), exception.InnerException?.Message ?? exception.Message);
        if (policy.OnStoreUnavailable == StoreUnavailableBehavior.PassThrough)
        {
            context.Outcome = IdempotencyOutcome.StoreUnavailable;
            await next(context.HttpContext);
            return;
        }

        await AnswerAsync(context, IdempotencyOutcome.StoreUnavailable, IdempotencyProblem.StoreUnavailable());
    }

    /// <summary>Refuses the request before it has a key: nothing forwarded.</summary>
    private static Task RejectAsync(IdempotencyContext context, IdempotencyProblem problem) =>
        AnswerAsync(context, IdempotencyOutcome.Rejected, problem);

    private static Task AnswerAsync(IdempotencyContext context, IdempotencyOutcome outcome, IdempotencyProblem problem)
    {
        context.Outcome = outcome;
        return context.Protocol.WriteProblemAsync(context, problem);
    }
}
