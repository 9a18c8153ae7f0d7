using System.Text.Json;
using WhetGateway.Configuration;
using WhetGateway.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace WhetGateway.Tests.Operations;

/// <summary>
/// No Docker engine runs here, so the compose file is checked for structure: the services, what they are built
/// from, persistence, and that the gateway's overrides really point it at Redis and at the sample API.
/// </summary>
public sealed class DockerComposeTests
{
    private static readonly YamlMappingNode Services = LoadServices();

    [Fact]
    public void Compose_runs_redis_the_sample_api_and_the_gateway()
    {
        var names = Services.Children.Keys.Select(key => key.ToString()).ToList();

        Assert.Equal(["gateway", "redis", "sample-api"], names.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Redis_keeps_an_append_only_file_and_never_evicts()
    {
        var command = Sequence(Service("redis"), "command");

        Assert.Equal("yes", command[command.IndexOf("--appendonly") + 1]);
        Assert.Equal("noeviction", command[command.IndexOf("--maxmemory-policy") + 1]);
        Assert.Contains("redis-data:/data", Sequence(Service("redis"), "volumes"));
    }

    [Theory]
    [InlineData("gateway")]
    [InlineData("sample-api")]
    public void Each_image_builds_from_a_stage_of_the_repositorys_Dockerfile(string service)
    {
        var build = (YamlMappingNode)Service(service)["build"];
        var dockerfile = RepositoryRoot.File(Scalar(build, "dockerfile"));

        Assert.True(File.Exists(dockerfile), dockerfile);
        Assert.Contains($" AS {Scalar(build, "target")}", File.ReadAllText(dockerfile), StringComparison.Ordinal);
    }

    [Fact]
    public void The_Dockerfile_publishes_projects_that_exist()
    {
        var published = File.ReadAllLines(RepositoryRoot.File("Dockerfile"))
            .SelectMany(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(word => word.EndsWith(".csproj", StringComparison.Ordinal))
            .ToList();

        Assert.Equal(2, published.Count);
        Assert.All(published, project => Assert.True(File.Exists(RepositoryRoot.File(project)), project));
    }

    [Fact]
    public void The_gateway_runs_on_the_Redis_service_and_forwards_to_the_sample_api_service()
    {
        var overrides = GatewayEnvironment();
        var destination = overrides.Keys.Single(key => key.StartsWith("ReverseProxy__Clusters__", StringComparison.Ordinal));
        var configFile = Sequence(Service("gateway"), "command")[1];

        Assert.Equal("Redis", overrides["Idempotency__Store__Provider"]);
        Assert.StartsWith("redis:", overrides["Idempotency__Store__Redis__Configuration"], StringComparison.Ordinal);
        Assert.StartsWith("http://sample-api:", overrides[destination], StringComparison.Ordinal);
        Assert.True(ConfigHasDestination(RepositoryRoot.File(configFile), destination.Split("__")), $"{destination} overrides nothing in {configFile}");
        Assert.Contains("5080:8080", Sequence(Service("gateway"), "ports"));
    }

    [Fact]
    public void The_gateway_runs_the_demo_configuration_only_with_the_demo_switch_on()
    {
        var configFile = RepositoryRoot.File(Sequence(Service("gateway"), "command")[1]);

        Assert.Equal(DemoSigningKey.Value, ConfigValue(configFile, ["Idempotency", "Scope", "Jwt", "SigningKey"])?.GetString());
        Assert.Equal("true", GatewayEnvironment()["Idempotency__Scope__Jwt__AllowDemoSigningKey"]);
    }

    [Fact]
    public void The_gateway_management_listener_is_published_on_the_hosts_loopback_only_and_apart_from_the_public_port()
    {
        var managementPort = new Uri(GatewayEnvironment()["Management__Urls"]).Port;
        var ports = Sequence(Service("gateway"), "ports");

        Assert.Contains($"127.0.0.1:{managementPort}:{managementPort}", ports);
        Assert.DoesNotContain(ports, mapping => mapping.EndsWith($":{managementPort}", StringComparison.Ordinal) && !mapping.StartsWith("127.0.0.1:", StringComparison.Ordinal));
        Assert.Contains("5080:8080", ports);
        Assert.NotEqual(8080, managementPort);
    }

    [Fact]
    public void The_gateway_image_never_turns_the_demo_switch_on_itself()
    {
        var instructions = File.ReadAllLines(RepositoryRoot.File("Dockerfile")).Where(line => !line.TrimStart().StartsWith('#'));

        Assert.DoesNotContain(instructions, line => line.Contains("AllowDemoSigningKey", StringComparison.Ordinal));
    }

    private static bool ConfigHasDestination(string configFile, string[] path) => ConfigValue(configFile, path) is not null;

    private static JsonElement? ConfigValue(string configFile, string[] path)
    {
        var node = JsonDocument.Parse(File.ReadAllText(configFile)).RootElement;
        foreach (var segment in path)
        {
            if (!node.TryGetProperty(segment, out node))
            {
                return null;
            }
        }

        return node;
    }

    private static Dictionary<string, string> GatewayEnvironment() =>
        ((YamlMappingNode)Service("gateway")["environment"]).Children.ToDictionary(pair => pair.Key.ToString(), pair => pair.Value.ToString());

    private static YamlMappingNode LoadServices()
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(RepositoryRoot.File("docker-compose.yml"))));
        return (YamlMappingNode)((YamlMappingNode)stream.Documents[0].RootNode)["services"];
    }

    private static YamlMappingNode Service(string name) => (YamlMappingNode)Services[name];

    private static List<string> Sequence(YamlMappingNode node, string key) => ((YamlSequenceNode)node[key]).Children.Select(child => child.ToString()).ToList();

    private static string Scalar(YamlMappingNode node, string key) => node[key].ToString();
}
