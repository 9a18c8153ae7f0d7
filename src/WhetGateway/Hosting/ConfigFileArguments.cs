using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Configuration.Json;

namespace WhetGateway.Hosting;

/// <summary>
/// The <c>--config &lt;file&gt;</c> arguments: JSON files layered over <c>appsettings.json</c> in the order given
/// (later wins), below environment variables and the command line so those still override them.
/// </summary>
internal static class ConfigFileArguments
{
    private const string Option = "--config";

    public static IReadOnlyList<string> Parse(IReadOnlyList<string> args)
    {
        var files = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == Option)
            {
                if (i + 1 == args.Count)
                {
                    throw new ArgumentException($"{Option} needs a file path after it.", nameof(args));
                }

                files.Add(args[++i]);
            }
            else if (args[i].StartsWith(Option + "=", StringComparison.Ordinal))
            {
                files.Add(args[i][(Option.Length + 1)..]);
            }
        }

        return files;
    }

    public static void AddTo(IConfigurationBuilder configuration, IReadOnlyList<string> args)
    {
        // Right before the unprefixed environment variables, so after appsettings.json. The host's own prefixed
        // sources (DOTNET_, ASPNETCORE_) come before appsettings.json: inserting there let appsettings.json win.
        var position = configuration.Sources.ToList().FindIndex(source => source is EnvironmentVariablesConfigurationSource { Prefix: null or "" });
        if (position < 0)
        {
            position = configuration.Sources.Count;
        }

        foreach (var file in Parse(args))
        {
            var path = Path.GetFullPath(file);
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"The configuration file given with {Option} does not exist: {path}", path);
            }

            var source = new JsonConfigurationSource { Path = path, Optional = false, ReloadOnChange = true };
            source.ResolveFileProvider();
            configuration.Sources.Insert(position++, source);
        }
    }
}
