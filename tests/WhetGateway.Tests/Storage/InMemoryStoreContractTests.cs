using Microsoft.Extensions.Logging.Abstractions;
using WhetGateway.Configuration;
using WhetGateway.Storage;
using WhetGateway.Storage.InMemory;

namespace WhetGateway.Tests.Storage;

public sealed class InMemoryStoreContractTests : IdempotencyStoreContract
{
    private protected override Task<(IIdempotencyStore Store, Func<ValueTask> Cleanup)> CreateStoreAsync()
    {
        var store = new InMemoryIdempotencyStore(TimeProvider.System, InMemoryStoreOptions.DefaultSizeLimitBytes, NullLogger<InMemoryIdempotencyStore>.Instance);
        return Task.FromResult<(IIdempotencyStore, Func<ValueTask>)>((store, () =>
        {
            store.Dispose();
            return ValueTask.CompletedTask;
        }
        ));
    }
}
