using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using WhetGateway.Configuration;
using WhetGateway.Storage;
using WhetGateway.Storage.InMemory;

namespace WhetGateway.Tests.Storage;

/// <summary>The store contract on the in-memory store, on a fake clock: its leases and lifetimes lapse when the test moves it.</summary>
public sealed class InMemoryStoreContractTests : IdempotencyStoreContract
{
    private readonly FakeTimeProvider _time = new();

    private protected override Task<(IIdempotencyStore Store, IIdempotencyStoreAdministration Administration, Func<ValueTask> Cleanup)> CreateStoreAsync()
    {
        var store = new InMemoryIdempotencyStore(_time, InMemoryStoreOptions.DefaultSizeLimitBytes, NullLogger<InMemoryIdempotencyStore>.Instance);
        return Task.FromResult<(IIdempotencyStore, IIdempotencyStoreAdministration, Func<ValueTask>)>((store, store, () =>
        {
            store.Dispose();
            return ValueTask.CompletedTask;
        }
        ));
    }

    private protected override Task PassAsync(TimeSpan time)
    {
        _time.Advance(time);
        return Task.CompletedTask;
    }
}
