using DotNet.Testcontainers.Builders;
using Testcontainers.Redis;

namespace WhetGateway.Tests.Infrastructure;

/// <summary>
/// The Redis the tests share, found in this order: a connection string in <c>GATEWAY_TEST_REDIS</c>; a
/// Testcontainers Redis when a Docker engine answers; else a <c>redis-server</c> started on a free port.
/// </summary>
public sealed class SharedRedis : IAsyncLifetime
{
    private RedisContainer? _container;
    private RedisServerProcess? _process;

    public string ConnectionString { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        var configured = Environment.GetEnvironmentVariable("GATEWAY_TEST_REDIS");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            ConnectionString = configured;
            return;
        }

        if (await TryStartContainerAsync())
        {
            return;
        }

        _process = await RedisServerProcess.StartAsync();
        ConnectionString = _process.ConnectionString;
    }

    public async Task DisposeAsync()
    {
        if (_container is not null)
        {
            await _container.DisposeAsync();
        }

        if (_process is not null)
        {
            await _process.DisposeAsync();
        }
    }

    private async Task<bool> TryStartContainerAsync()
    {
        try
        {
            _container = new RedisBuilder("redis:7.2").Build();
            await _container.StartAsync();
            ConnectionString = _container.GetConnectionString();
            return true;
        }
        catch (DockerUnavailableException)
        {
            _container = null;
            return false;
        }
    }
}
