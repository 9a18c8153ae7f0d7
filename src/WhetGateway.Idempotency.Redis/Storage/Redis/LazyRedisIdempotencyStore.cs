using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using WhetGateway.Configuration;

namespace WhetGateway.Storage.Redis;

/// <summary>
/// The Redis store, connected on first use rather than when it is created: the connection is made asynchronously
/// (and the eviction policy checked) once, for the first call that needs it, and shared by every later one. A
/// connection attempt that fails is not kept, so the next call tries again. The attempt belongs to no caller: each
/// waits for it only until its own cancellation token is cancelled, so one that gives up is not held by a stalled
/// Redis, and the attempt goes on for the others.
/// </summary>
internal sealed class LazyRedisIdempotencyStore(RedisStoreOptions options, TimeProvider time, ILogger<RedisIdempotencyStore> logger)
    : IIdempotencyStore, IIdempotencyStoreAdministration, IStoreMemory, IDisposable
{
    private readonly Lock _gate = new();
    private volatile Task<RedisIdempotencyStore>? _connecting;
    private volatile bool _disposed;

    /// <summary>Connects now, when not yet connected: for a host that wants a bad store setting to fail its start.</summary>
    public async ValueTask<RedisIdempotencyStore> ConnectAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Connected ?? await Connecting().WaitAsync(cancellationToken).ConfigureAwait(false);
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
        (Connected ?? throw new InvalidOperationException("A key is watched only after a begin on it, which connects the store.")).Watch(id);

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

    /// <summary>Closes the connection, once it is made when an attempt is still under way.</summary>
    public void Dispose()
    {
        Task<RedisIdempotencyStore>? connecting;
        lock (_gate)
        {
            _disposed = true;
            connecting = _connecting;
        }

        connecting?.ContinueWith(static made => made.Result.Dispose(), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private RedisIdempotencyStore? Connected => !_disposed && _connecting is { IsCompletedSuccessfully: true } connected ? connected.Result : null;

    /// <summary>The attempt under way or made, or a new one when there is none or the last one failed.</summary>
    private Task<RedisIdempotencyStore> Connecting()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_connecting is null or { IsFaulted: true } or { IsCanceled: true })
            {
                _connecting = Task.Run(CreateStoreAsync);
            }

            return _connecting;
        }
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
