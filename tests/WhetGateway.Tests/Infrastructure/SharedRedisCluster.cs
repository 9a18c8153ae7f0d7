namespace WhetGateway.Tests.Infrastructure;

/// <summary>The Redis Cluster the cluster tests share; each test class uses its own key prefix on it.</summary>
public sealed class SharedRedisCluster : IAsyncLifetime
{
    private RedisClusterProcess? _cluster;

    public RedisClusterProcess Cluster => _cluster ?? throw new InvalidOperationException("The cluster starts in InitializeAsync.");

    public string ConnectionString => Cluster.ConnectionString;

    public async Task InitializeAsync() => _cluster = await RedisClusterProcess.StartAsync();

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}
