using System.Diagnostics;

namespace MinimalApi.Tests;

/// <summary>A redis-server of the test's own on a random free port, without persistence, ready once it says so.</summary>
public sealed class RedisServer : IAsyncLifetime
{
    private Process? _process;

    public string Configuration { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        for (var attempt = 0; _process is null; attempt++)
        {
            var port = Random.Shared.Next(7100, 8000);
            var process = Process.Start(new ProcessStartInfo("redis-server", ["--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
            {
                RedirectStandardOutput = true,
            })!;
            if (await IsReadyAsync(process))
            {
                _process = process;
                Configuration = $"127.0.0.1:{port}";
            }
            else if (attempt == 5)
            {
                throw new InvalidOperationException("redis-server did not start (is it installed?).");
            }
        }
    }

    public async Task DisposeAsync()
    {
        if (_process is { } process)
        {
            process.Kill();
            await process.WaitForExitAsync();
            process.Dispose();
        }
    }

    /// <summary>Reads the server's log until it accepts connections (true) or exits, for example on a port in use (false).</summary>
    private static async Task<bool> IsReadyAsync(Process process)
    {
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line.Contains("Ready to accept connections", StringComparison.Ordinal))
            {
                _ = process.StandardOutput.ReadToEndAsync();
                return true;
            }
        }

        await process.WaitForExitAsync();
        process.Dispose();
        return false;
    }
}
