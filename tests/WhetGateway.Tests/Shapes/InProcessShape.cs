using Microsoft.Extensions.DependencyInjection;
using WhetGateway.SampleApi;
using WhetGateway.Tests.InProcess;
using WhetGateway.Tests.Infrastructure;

namespace WhetGateway.Tests.Shapes;

/// <summary>
/// The middleware inside the sample API's own app (<see cref="InProcessSampleApi"/>): every app the test starts counts
/// its side effects and requests, and holds its calls, at the test's one door.
/// </summary>
public sealed class InProcessShape : IApiShape
{
    public SampleApiDoor Door { get; } = new(new SideEffectCounter());

    public Task StartAsync() => Task.CompletedTask;

    public async Task<IIdempotentApi> StartApiAsync(IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? configureServices = null) =>
        await InProcessSampleApi.StartAsync(AgentApiSettings.With(new Dictionary<string, string?>(), settings), Door, configureServices);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
