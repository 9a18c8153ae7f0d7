using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;
using WhetGateway.Storage.Redis;

namespace WhetGateway.Tests.Infrastructure;

/// <summary>
/// A Redis of a test's own, so what Redis counts is the test's alone, with a store on a connection that may read
/// Redis's statistics, and more stores on their own connections as other gateway instances.
/// </summary>
internal sealed class PrivateRedisStore : IAsyncDisposable
{
    public const string KeyPrefix = "whet:";

    private readonly List<RedisIdempotencyStore> _stores = [];
    private RedisServerProcess _redis = null!;

    private PrivateRedisStore()
    {
    }

    public ConnectionMultiplexer Connection { get; private set; } = null!;

    /// <summary>How a store of the test's own making reaches this Redis.</summary>
    public string ConnectionString => _redis.ConnectionString;

    public RedisIdempotencyStore Store { get; private set; } = null!;

    public IServer Server => Connection.GetServers().Single();

    public static async Task<PrivateRedisStore> StartAsync()
    {
        var started = new PrivateRedisStore { _redis = await RedisServerProcess.StartAsync() };
        started.Connection = await ConnectionMultiplexer.ConnectAsync(started._redis.ConnectionString + ",allowAdmin=true");
        started.Store = started.Own(new RedisIdempotencyStore(started.Connection, KeyPrefix, TimeProvider.System, NullLogger<RedisIdempotencyStore>.Instance));
        return started;
    }

    /// <summary>A store on a connection of its own, on <paramref name="time"/>: another gateway instance.</summary>
    public async Task<RedisIdempotencyStore> AnotherInstanceAsync(TimeProvider time) =>
        Own(new RedisIdempotencyStore(await ConnectionMultiplexer.ConnectAsync(_redis.ConnectionString), KeyPrefix, time, NullLogger<RedisIdempotencyStore>.Instance));

    /// <summary>Freezes the server: connections stay open, nothing is answered, as in a long stall.</summary>
    public Task PauseAsync() => _redis.PauseAsync();

    public Task ResumeAsync() => _redis.ResumeAsync();

    public async ValueTask DisposeAsync()
    {
        _stores.ForEach(store => store.Dispose());
        await _redis.DisposeAsync();
    }

    private RedisIdempotencyStore Own(RedisIdempotencyStore store)
    {
        _stores.Add(store);
        return store;
    }
}
