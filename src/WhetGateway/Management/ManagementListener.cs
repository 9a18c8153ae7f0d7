using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WhetGateway.Configuration;

namespace WhetGateway.Management;

/// <summary>
/// The management listener of <c>Management:Urls</c>: Kestrel listens on those URLs beside the public ones, and
/// <see cref="ManagementListenerMatcherPolicy"/> keeps the operations endpoints to them. A request belongs to it when it
/// arrived on one of its ports, so each management URL needs a fixed port that no public URL uses.
/// </summary>
internal sealed class ManagementListener
{
    private const string Setting = ManagementOptions.SectionName + ":" + nameof(ManagementOptions.Urls);

    private readonly HashSet<int> _ports;

    private ManagementListener(HashSet<int> ports) => _ports = ports;

    /// <summary>The ports the management listener owns.</summary>
    public IReadOnlySet<int> Ports => _ports;

    /// <summary>Whether <paramref name="connection"/> came in through the management listener.</summary>
    public bool Serves(ConnectionInfo connection) => _ports.Contains(connection.LocalPort);

    /// <summary>
    /// When <c>Management:Urls</c> is set, adds its URLs to those the server listens on and keeps the operations
    /// endpoints to them; a setting that cannot work throws, naming it.
    /// </summary>
    public static void AddTo(WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(ManagementOptions.SectionName).Get<ManagementOptions>(binder => binder.ErrorOnUnknownConfiguration = true);
        var managementUrls = Split(options?.Urls);
        if (managementUrls.Length == 0)
        {
            return;
        }

        var publicUrls = Split(builder.Configuration[WebHostDefaults.ServerUrlsKey]);
        if (publicUrls.Length == 0)
        {
            throw new InvalidOperationException($"{Setting} needs the public URLs as well, given with --urls or ASPNETCORE_URLS (e.g. --urls http://0.0.0.0:8080).");
        }

        var publicPorts = publicUrls.Select(url => BindingAddress.Parse(url).Port).ToHashSet();
        var ports = new HashSet<int>();
        foreach (var url in managementUrls)
        {
            var port = PortOf(url);
            if (port == 0 || publicPorts.Contains(port))
            {
                throw new InvalidOperationException($"{Setting} entry '{url}' needs a fixed TCP port that no public URL uses: "
                    + "a request is told to be a management request by the port it arrived on.");
            }

            ports.Add(port);
        }

        builder.WebHost.UseUrls([.. publicUrls, .. managementUrls]);
        builder.Services.AddSingleton(new ManagementListener(ports));
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<MatcherPolicy, ManagementListenerMatcherPolicy>());
    }

    private static int PortOf(string url)
    {
        try
        {
            return BindingAddress.Parse(url) is { IsUnixPipe: false, IsNamedPipe: false } address ? address.Port : 0;
        }
        catch (FormatException exception)
        {
            throw new InvalidOperationException($"{Setting} entry '{url}' is not a URL such as http://127.0.0.1:9901.", exception);
        }
    }

    private static string[] Split(string? urls) => urls?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
}
