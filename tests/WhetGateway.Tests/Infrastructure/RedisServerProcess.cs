using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace WhetGateway.Tests.Infrastructure;

/// <summary>
/// A real <c>redis-server</c> child process on a free loopback port, without persistence unless the extra arguments
/// turn it on (later arguments win in Redis). It can be killed and started again on the same port, and paused, which
/// the outage tests need. It may require a password, for the default user (<c>requirepass</c>) or for an ACL user,
/// and then keeps requiring it across restarts.
/// </summary>
public sealed class RedisServerProcess : IAsyncDisposable
{
    private readonly string? _configFile;
    private readonly string? _user;
    private readonly string? _password;
    private readonly string _userKeyPrefix;
    private Process? _process;

    private RedisServerProcess(int port, string? configFile = null, string? user = null, string? password = null, string userKeyPrefix = "")
    {
        Port = port;
        _configFile = configFile;
        _user = user;
        _password = password;
        _userKeyPrefix = userKeyPrefix;
    }

    public int Port { get; }

    /// <summary>Where the server listens, without credentials.</summary>
    public string Endpoint => $"127.0.0.1:{Port}";

    /// <summary>A connection string that carries the server's user and password, if it has them.</summary>
    public string ConnectionString => Endpoint + (_user is null ? string.Empty : $",user={_user}") + (_password is null ? string.Empty : $",password={_password}");

    public static Task<RedisServerProcess> StartAsync(params string[] extraArguments) => StartOnPortAsync(FreePorts.Any(), extraArguments);

    public static Task<RedisServerProcess> StartOnPortAsync(int port, params string[] extraArguments) =>
        StartAsync(new RedisServerProcess(port), extraArguments);

    /// <summary>
    /// A server that refuses unauthenticated clients: with <paramref name="user"/> null, the default user needs
    /// <paramref name="password"/> (<c>requirepass</c>); otherwise the default user is off and only that ACL user may
    /// connect, to the keys and channels under <paramref name="userKeyPrefix"/>.
    /// </summary>
    public static async Task<RedisServerProcess> StartWithPasswordAsync(string password, string? user = null, string userKeyPrefix = "")
    {
        var server = new RedisServerProcess(FreePorts.Any(), configFile: null, user, password, userKeyPrefix);
        await server.StartAgainAsync();
        return server;
    }

    /// <summary>A server that reads <paramref name="configFile"/> first (a Sentinel needs one it can rewrite).</summary>
    public static Task<RedisServerProcess> StartWithConfigFileAsync(string configFile, params string[] extraArguments) =>
        StartAsync(new RedisServerProcess(FreePorts.Any(), configFile), extraArguments);

    private static async Task<RedisServerProcess> StartAsync(RedisServerProcess server, string[] extraArguments)
    {
        try
        {
            await server.StartAgainAsync(extraArguments);
            return server;
        }
        catch
        {
            // A server that never answered is still a process: it must not outlive the test.
            await server.DisposeAsync();
            throw;
        }
    }

    public async Task StartAgainAsync(params string[] extraArguments)
    {
        var start = new ProcessStartInfo("redis-server") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        if (_configFile is not null)
        {
            start.ArgumentList.Add(_configFile);
        }

        foreach (var argument in new[] { "--port", Port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no" }
            .Concat(AuthenticationArguments()).Concat(extraArguments))
        {
            start.ArgumentList.Add(argument);
        }

        _process?.Dispose();
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

    /// <summary>Freezes the server (SIGSTOP): connections stay open, nothing is answered, as in a long stall.</summary>
    public Task PauseAsync() => SignalAsync("STOP");

    /// <summary>Lets a paused server run again (SIGCONT); it then answers everything that queued up.</summary>
    public Task ResumeAsync() => SignalAsync("CONT");

    public async ValueTask DisposeAsync()
    {
        await ResumeAsync();
        await KillAsync();
        _process?.Dispose();
    }

    private async Task SignalAsync(string signal)
    {
        if (_process is not { HasExited: false } process)
        {
            return;
        }

        using var kill = Process.Start("kill", ["-" + signal, process.Id.ToString(CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
    }

    private string[] AuthenticationArguments() => (_user, _password) switch
    {
        (_, null) => [],
        (null, { } password) => ["--requirepass", password],
        ({ } user, { } password) => ["--user", "default", "off", "--user", user, "on", ">" + password, $"~{_userKeyPrefix}*", $"&{_userKeyPrefix}*", "+@all"],
    };

    /// <summary>
    /// Waits for a PING to be answered, spoken raw so it works for any mode (primary, cluster node, Sentinel); a
    /// server that requires a password answers NOAUTH, which shows it is up just as well.
    /// </summary>
    private async Task WaitUntilAnswersAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        var pong = new byte[16];
        while (true)
        {
            try
            {
                using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                await socket.ConnectAsync(IPAddress.Loopback, Port);
                await socket.SendAsync("PING\r\n"u8.ToArray(), SocketFlags.None);
                var read = await socket.ReceiveAsync(pong, SocketFlags.None);
                if (pong.AsSpan(0, read).StartsWith("+PONG"u8) || pong.AsSpan(0, read).StartsWith("-NOAUTH"u8))
                {
                    return;
                }
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"redis-server on port {Port} did not answer PING.");
            }

            await Task.Delay(50);
        }
    }
}
