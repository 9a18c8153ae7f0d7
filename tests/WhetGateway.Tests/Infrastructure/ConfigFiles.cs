using System.Text.Json.Nodes;

namespace WhetGateway.Tests.Infrastructure;

/// <summary>Configuration files, as a gateway's <c>--config</c> argument takes them.</summary>
public static class ConfigFiles
{
    /// <summary>Writes <paramref name="settings"/> (flat <c>A:B:C</c> names) as the nested JSON a configuration file holds.</summary>
    public static void Write(string path, IReadOnlyDictionary<string, string?> settings) => File.WriteAllText(path, ToJson(settings));

    /// <summary>Nested JSON from flat configuration names; numbered children bind as arrays, as in any JSON file.</summary>
    public static string ToJson(IReadOnlyDictionary<string, string?> settings)
    {
        var root = new JsonObject();
        foreach (var (name, value) in settings)
        {
            var parts = name.Split(':');
            var node = root;
            foreach (var part in parts[..^1])
            {
                node = node[part] as JsonObject ?? (JsonObject)(node[part] = new JsonObject());
            }

            node[parts[^1]] = value;
        }

        return root.ToJsonString();
    }
}
