using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;

namespace WhetGateway.Idempotency;

/// <summary>
/// Records still waiting for the store to take them (the upstream ran, the store was down). A graceful stop waits
/// for them, within the host's shutdown timeout, after Kestrel has drained: an instance that exits holding one would
/// leave its key to be run again by the next retry.
/// </summary>
internal sealed class PendingRecords : IHostedService
{
    private readonly ConcurrentDictionary<Task, byte> _pending = new();

    public void Track(Task recording)
    {
        _pending.TryAdd(recording, 0);
        recording.ContinueWith(done => _pending.TryRemove(done, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.WhenAll(_pending.Keys).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The shutdown timeout ran out first: what is still pending is lost, as the log of each will say.
        }
    }
}
