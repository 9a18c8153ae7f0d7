namespace WhetGateway.Tests.Infrastructure;

/// <summary>
/// The sample API made idempotent, as its clients and a test see it, whichever shape it runs in: behind the gateway
/// (<see cref="GatewayHost"/>) or with the middleware in the API's own app (the in-process shape).
/// </summary>
public interface IIdempotentApi : IAsyncDisposable
{
    /// <summary>Where clients call it.</summary>
    Uri Address { get; }

    /// <summary>The services of the app that runs the middleware.</summary>
    IServiceProvider Services { get; }

    /// <summary>A client that presents <paramref name="credential"/> (none when null).</summary>
    HttpClient CreateClient(string? credential = GatewayHost.DefaultCredential);
}
