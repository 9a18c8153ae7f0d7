using System.Diagnostics;
using System.Globalization;
using StackExchange.Redis;

namespace WhetGateway.Tests.Infrastructure;

/// <summary>
/// A real Redis Cluster on loopback: three masters started with <c>--cluster-enabled yes</c> in a temporary
/// directory, joined by <c>redis-cli --cluster create</c>, ready once every node reports <c>cluster_state:ok</c>.
/// The gateway connects to it with the three endpoints in one connection string.
/// </summary>
public sealed class RedisClusterProcess : IAsyncDisposable
{
    private const int Masters = 3;

    private readonly string _directory;
    private readonly List<RedisServerProcess> _nodes = [];

    private RedisClusterProcess(string directory)
    {
        _directory = directory;
    }

    public IReadOnlyList<RedisServerProcess> Nodes => _nodes;

    public string ConnectionString => string.Join(',', _nodes.Select(node => node.ConnectionString));

    public static async Task<RedisClusterProcess> StartAsync()
    {
        var cluster = new RedisClusterProcess(Directory.CreateTempSubdirectory("whet-cluster-").FullName);
        try
        {
            await cluster.StartNodesAsync();
            await cluster.CreateAsync();
            await cluster.WaitUntilOkAsync();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }

        Directory.Delete(_directory, recursive: true);
    }

    private async Task StartNodesAsync()
    {
        for (var i = 0; i < Masters; i++)
        {
            var port = FreePorts.ForClusterNode();
            _nodes.Add(await RedisServerProcess.StartOnPortAsync(
                port,
                "--cluster-enabled", "yes",
                "--cluster-config-file", Path.Combine(_directory, $"nodes-{port}.conf"),
                "--dir", _directory));
        }
    }

    private async Task CreateAsync()
    {
        var start = new ProcessStartInfo("redis-cli") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("--cluster");
        start.ArgumentList.Add("create");
        foreach (var node in _nodes)
        {
            start.ArgumentList.Add(node.ConnectionString);
        }

        foreach (var argument in new[] { "--cluster-replicas", "0", "--cluster-yes" })
        {
            start.ArgumentList.Add(argument);
        }

        using var create = Process.Start(start) ?? throw new InvalidOperationException("redis-cli did not start.");
        var output = create.StandardOutput.ReadToEndAsync();
        var error = create.StandardError.ReadToEndAsync();
        await create.WaitForExitAsync();
        if (create.ExitCode != 0)
        {
            throw new InvalidOperationException($"redis-cli --cluster create failed ({create.ExitCode}): {await output}{await error}");
        }
    }

    private async Task WaitUntilOkAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        await using var connection = await ConnectionMultiplexer.ConnectAsync(ConnectionString + ",allowAdmin=true");
        foreach (var node in _nodes)
        {
            var server = connection.GetServer(node.ConnectionString);
            while (true)
            {
                var info = (string?)await server.ExecuteAsync("CLUSTER", "INFO");
                if (info?.Contains("cluster_state:ok", StringComparison.Ordinal) == true)
                {
                    break;
                }

                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException($"Redis Cluster node {node.ConnectionString} did not reach cluster_state:ok: {info}");
                }

                await Task.Delay(100);
            }
        }
    }
}
