using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using WhetGateway.SampleApi;

namespace WhetGateway.Tests.Infrastructure;

/// <summary>
/// What a test sees of the sample API, wherever it runs (behind the gateway or behind the middleware in its own app):
/// the side effects it executed, every request that reached it, whatever becomes of it, the
/// <see cref="SampleApiHost.LabelHeader"/> of each, and, held at its door, the requests that carry a
/// <see cref="SampleApiHost.HoldHeader"/> until the test releases them. Several apps of one test may share a door.
/// </summary>
public sealed class SampleApiDoor(SideEffectCounter sideEffects)
{
    private readonly ConcurrentDictionary<string, int> _labels = new(StringComparer.Ordinal);
    private readonly Holds _holds = new();
    private long _requestsReceived;

    public SideEffectCounter SideEffects { get; } = sideEffects;

    /// <summary>Requests that reached the API, counted as they arrive, before any handler, hook or validation.</summary>
    public long RequestsReceived => Interlocked.Read(ref _requestsReceived);

    /// <summary>How many requests carrying <paramref name="label"/> in <see cref="SampleApiHost.LabelHeader"/> reached the API.</summary>
    public int RequestsLabelled(string label) => _labels.GetValueOrDefault(label);

    /// <summary>Completes once a request carrying <paramref name="hold"/> in <see cref="SampleApiHost.HoldHeader"/> is held here: its caller's call is open.</summary>
    public Task WaitUntilHeldAsync(string hold) => _holds.ReachedAsync(hold);

    /// <summary>Lets the requests held under <paramref name="hold"/> go on, and any that arrive with it later.</summary>
    public void Release(string hold) => _holds.Release(hold);

    /// <summary>Lets every held request go on: a test that failed before releasing its holds must not keep an app from stopping.</summary>
    public void ReleaseAll() => _holds.ReleaseAll();

    /// <summary>Puts the door in <paramref name="app"/>'s pipeline: the requests that pass it from here on are the API's.</summary>
    public void Open(IApplicationBuilder app) => app.Use(PassAsync);

    private async Task PassAsync(HttpContext context, RequestDelegate next)
    {
        Interlocked.Increment(ref _requestsReceived);
        if (context.Request.Headers[SampleApiHost.LabelHeader] is [{ } label])
        {
            _labels.AddOrUpdate(label, 1, static (_, count) => count + 1);
        }

        if (context.Request.Headers[SampleApiHost.HoldHeader] is [{ } hold])
        {
            // The whole request first, as a backend at work on it has: a caller that drops the connection meanwhile
            // (a killed gateway) leaves a call that still runs once released.
            context.Request.EnableBuffering();
            await context.Request.Body.CopyToAsync(Stream.Null);
            context.Request.Body.Position = 0;
            await _holds.HoldAsync(hold);
        }

        await next(context);
    }
}
