using System.Diagnostics;
using System.Globalization;

namespace WhetGateway.Tests.Infrastructure;

/// <summary>
/// A gateway in its own process (<c>dotnet WhetGateway.dll --urls … --config …</c>, from the test's output folder,
/// where the referenced gateway is copied), for the tests that must kill an instance as a crash would.
/// </summary>
public sealed class GatewayProcess : IAsyncDisposable
{
    private const int KeptOutputLines = 50;

    private readonly Process _process;
    private readonly DirectoryInfo _directory;
    private readonly Queue<string> _output = new();

    private GatewayProcess(Process process, DirectoryInfo directory, Uri address)
    {
        _process = process;
        _directory = directory;
        Address = address;
        _process.OutputDataReceived += (_, line) => Keep(line.Data);
        _process.ErrorDataReceived += (_, line) => Keep(line.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public Uri Address { get; }

    /// <summary>Starts a gateway with <paramref name="settings"/> (flat <c>Section:Key</c> names) and waits until it serves.</summary>
    public static async Task<GatewayProcess> StartAsync(IReadOnlyDictionary<string, string?> settings)
    {
        var directory = Directory.CreateTempSubdirectory("whet-gateway-");
        var config = Path.Combine(directory.FullName, "gateway.json");
        ConfigFiles.Write(config, settings);
        var port = FreePorts.Any();
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = directory.FullName,
        };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "WhetGateway.dll"), "--urls", $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}", "--config", config })
        {
            start.ArgumentList.Add(argument);
        }

        var gateway = new GatewayProcess(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start."), directory, new Uri($"http://127.0.0.1:{port}/"));
        try
        {
            await gateway.WaitUntilServingAsync();
            return gateway;
        }
        catch
        {
            await gateway.DisposeAsync();
            throw;
        }
    }

    public HttpClient CreateClient(string? credential = GatewayHost.DefaultCredential) => GatewayClients.Create(Address, credential);

    /// <summary>Kills the process at once (SIGKILL), as a crash would: no request it holds gets an answer.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
        _directory.Delete(recursive: true);
    }

    private async Task WaitUntilServingAsync()
    {
        using var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if (_process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"The gateway process did not start serving:{Environment.NewLine}{Output()}");
            }

            try
            {
                using var response = await client.GetAsync("/healthz");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
            }

            await Task.Delay(100);
        }
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Enqueue(line);
            if (_output.Count > KeptOutputLines)
            {
                _output.Dequeue();
            }
        }
    }

    private string Output()
    {
        lock (_output)
        {
            return string.Join(Environment.NewLine, _output);
        }
    }
}
