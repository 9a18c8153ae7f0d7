using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using StackExchange.Redis;

namespace WhetGateway.Tests.Infrastructure;

/// <summary>
/// A real <c>redis-server</c> child process on a free loopback port, without persistence. It can be stopped and
/// started again on the same port, which the outage tests need. It may require a password, for the default user
/// (<c>requirepass</c>) or for an ACL user, and then keeps requiring it across restarts.
/// </summary>
public sealed class RedisServerProcess : IAsyncDisposable
{
    private readonly string? _user;
    private readonly string? _password;
    private readonly string _userKeyPrefix;
    private Process? _process;

    private RedisServerProcess(int port, string? user, string? password, string userKeyPrefix = "")
    {
        Port = port;
        _user = user;
        _password = password;
        _userKeyPrefix = userKeyPrefix;
    }

    public int Port { get; }

    /// <summary>Where the server listens, without credentials.</summary>
    public string Endpoint => $"127.0.0.1:{Port}";

    /// <summary>A connection string that carries the server's user and password, if it has them.</summary>
    public string ConnectionString => Endpoint + (_user is null ? string.Empty : $",user={_user}") + (_password is null ? string.Empty : $",password={_password}");

    public static async Task<RedisServerProcess> StartAsync(params string[] extraArguments)
    {
        var server = new RedisServerProcess(FreePort(), user: null, password: null);
        await server.StartAgainAsync(extraArguments);
        return server;
    }

    /// <summary>
    /// A server that refuses unauthenticated clients: with <paramref name="user"/> null, the default user needs
    /// <paramref name="password"/> (<c>requirepass</c>); otherwise the default user is off and only that ACL user may
    /// connect, to the keys and channels under <paramref name="userKeyPrefix"/>.
    /// </summary>
    public static async Task<RedisServerProcess> StartWithPasswordAsync(string password, string? user = null, string userKeyPrefix = "")
    {
        var server = new RedisServerProcess(FreePort(), user, password, userKeyPrefix);
        await server.StartAgainAsync();
        return server;
    }

    public async Task StartAgainAsync(params string[] extraArguments)
    {
        var start = new ProcessStartInfo("redis-server") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no" }
            .Concat(AuthenticationArguments()).Concat(extraArguments))
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitUntilAnswersAsync();
    }

    /// <summary>Kills the server at once (SIGKILL), as a crash would.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
    }

    private async Task WaitUntilAnswersAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            try
            {
                await using var connection = await ConnectionMultiplexer.ConnectAsync($"{ConnectionString},connectTimeout=500");
                await connection.GetDatabase().PingAsync();
                return;
            }
            catch (RedisConnectionException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
    }

    private string[] AuthenticationArguments() => (_user, _password) switch
    {
        (_, null) => [],
        (null, { } password) => ["--requirepass", password],
        ({ } user, { } password) => ["--user", "default", "off", "--user", user, "on", ">" + password, $"~{_userKeyPrefix}*", $"&{_userKeyPrefix}*", "+@all"],
    };

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
