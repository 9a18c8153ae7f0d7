using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using WhetGateway.Configuration;

namespace WhetGateway.Storage.Redis;

/// <summary>
/// The Redis store, connected on first use rather than when it is created: the connection is made asynchronously
/// (and the eviction policy checked) by the first call that needs it, and shared by every later one. A connection
/// attempt that fails is not kept, so the next call tries again.
/// </summary>
internal sealed class LazyRedisIdempotencyStore(RedisStoreOptions options, TimeProvider time, ILogger<RedisIdempotencyStore> logger)
    : IIdempotencyStore, IIdempotencyStoreAdministration, IStoreMemory, IDisposable
{
    private readonly SemaphoreSlim _connectGate = new(1, 1);
    private volatile RedisIdempotencyStore? _store;

    /// <summary>Connects now, when not yet connected: for a host that wants a bad store setting to fail its start.</summary>
    public async ValueTask<RedisIdempotencyStore> ConnectAsync(CancellationToken cancellationToken)
    {
        if (_store is { } connected)
        {
            return connected;
        }

        await _connectGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return _store ??= await CreateStoreAsync().ConfigureAwait(false);
        }
        finally
        {
            _connectGate.Release();
        }
    }

    public async ValueTask<BeginResult> BeginAsync(RecordId id, Fingerprint fingerprint, TimeSpan lease, TimeSpan? rememberLapsedFor, CancellationToken cancellationToken) =>
        await (await ConnectAsync(cancellationToken).ConfigureAwait(false)).BeginAsync(id, fingerprint, lease, rememberLapsedFor, cancellationToken).ConfigureAwait(false);

    public async ValueTask<bool> RenewAsync(Claim claim, TimeSpan lease, CancellationToken cancellationToken) =>
        await (await ConnectAsync(cancellationToken).ConfigureAwait(false)).RenewAsync(claim, lease, cancellationToken).ConfigureAwait(false);

    public async ValueTask<bool> CompleteAsync(Claim claim, IdempotencyRecord record, TimeSpan timeToLive, CancellationToken cancellationToken) =>
        await (await ConnectAsync(cancellationToken).ConfigureAwait(false)).CompleteAsync(claim, record, timeToLive, cancellationToken).ConfigureAwait(false);

    public async ValueTask ReleaseAsync(Claim claim, CancellationToken cancellationToken) =>
        await (await ConnectAsync(cancellationToken).ConfigureAwait(false)).ReleaseAsync(claim, cancellationToken).ConfigureAwait(false);

    /// <summary>A key is watched only once a begin found its claim in flight, so the store is connected by then.</summary>
    public ChangeWatch Watch(RecordId id) =>
        (_store ?? throw new InvalidOperationException("A key is watched only after a begin on it, which connects the store.")).Watch(id);

    public async ValueTask<RecordState?> InspectAsync(RecordId id, CancellationToken cancellationToken) =>
        await (await ConnectAsync(cancellationToken).ConfigureAwait(false)).InspectAsync(id, cancellationToken).ConfigureAwait(false);

    public async ValueTask<bool> DeleteAsync(RecordId id, CancellationToken cancellationToken) =>
        await (await ConnectAsync(cancellationToken).ConfigureAwait(false)).DeleteAsync(id, cancellationToken).ConfigureAwait(false);

    public async ValueTask CheckAvailableAsync(CancellationToken cancellationToken) =>
        await (await ConnectAsync(cancellationToken).ConfigureAwait(false)).CheckAvailableAsync(cancellationToken).ConfigureAwait(false);

    public async ValueTask<bool> TieAsync(RecordId id, ResourceTie tie, CancellationToken cancellationToken) =>
        await (await ConnectAsync(cancellationToken).ConfigureAwait(false)).TieAsync(id, tie, cancellationToken).ConfigureAwait(false);

    public async ValueTask<int> EvictResourceAsync(ResourceEviction eviction, CancellationToken cancellationToken) =>
        await (await ConnectAsync(cancellationToken).ConfigureAwait(false)).EvictResourceAsync(eviction, cancellationToken).ConfigureAwait(false);

    public async ValueTask<IReadOnlyList<StoreMemoryReading>> ReadMemoryAsync(CancellationToken cancellationToken) =>
        await (await ConnectAsync(cancellationToken).ConfigureAwait(false)).ReadMemoryAsync(cancellationToken).ConfigureAwait(false);

    public void Dispose()
    {
        _store?.Dispose();
        _connectGate.Dispose();
    }

    private async Task<RedisIdempotencyStore> CreateStoreAsync()
    {
        var configuration = ConfigurationOptions.Parse(options.Configuration!);
        configuration.AbortOnConnectFail = false;
        configuration.BacklogPolicy = BacklogPolicy.FailFast;
        configuration.AsyncTimeout = configuration.SyncTimeout = (int)options.OperationTimeout.TotalMilliseconds;
        configuration.AllowAdmin = true; // for CONFIG GET maxmemory-policy on connecting and INFO memory once a minute; no other admin command is sent
        var connection = await ConnectionMultiplexer.ConnectAsync(configuration).ConfigureAwait(false);
        try
        {
            await RedisEvictionPolicyCheck.RunAsync(connection, options.EvictionPolicyCheck, logger).ConfigureAwait(false);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return new RedisIdempotencyStore(connection, options.KeyPrefix, time, logger);
    }
}
