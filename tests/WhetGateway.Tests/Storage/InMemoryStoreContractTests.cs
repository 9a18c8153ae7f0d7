using WhetGateway.Storage;
using WhetGateway.Storage.InMemory;

namespace WhetGateway.Tests.Storage;

public sealed class InMemoryStoreContractTests : IdempotencyStoreContract
{
    private InMemoryIdempotencyStore? _store;

    private protected override Task<IIdempotencyStore> CreateStoreAsync()
    {
        _store = new InMemoryIdempotencyStore(TimeProvider.System);
        return Task.FromResult<IIdempotencyStore>(_store);
    }

    private protected override Task DisposeStoreAsync()
    {
        _store?.Dispose();
        return Task.CompletedTask;
    }
}
