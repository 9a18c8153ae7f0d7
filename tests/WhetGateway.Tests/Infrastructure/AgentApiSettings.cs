namespace WhetGateway.Tests.Infrastructure;

/// <summary>
/// The settings every shape of the idempotent sample API starts from: the <c>agent-api</c> policy on the in-memory store,
/// and the route table that puts the API's five creating endpoints under it. The gateway reads the table as its YARP
/// routes; an app that runs the middleware in-process puts the same endpoints under the same policies.
/// </summary>
public static class AgentApiSettings
{
    public const string Policy = "agent-api";

    /// <summary>The routes whose <c>IdempotencyPolicy</c> names <see cref="Policy"/>, by route id, with the path each matches.</summary>
    private static readonly (string Route, string Path)[] CreatingRoutes =
    [
        ("from-intent", "/pipelines/from-intent"),
        ("post-draft", "/posts/{id}/draft"),
        ("artifact-publish", "/artifacts/{id}/publish"),
        ("account-connect", "/accounts/connect"),
        ("fetch", "/fetch"),
    ];

    /// <summary>The settings every shape starts from, then <paramref name="shape"/>'s own, then <paramref name="overrides"/>: the last win.</summary>
    public static Dictionary<string, string?> With(IReadOnlyDictionary<string, string?> shape, IReadOnlyDictionary<string, string?>? overrides)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["Idempotency:Store:Provider"] = "InMemory",
            [$"Idempotency:Policies:{Policy}:KeyField"] = "idempotency_key",
            [$"Idempotency:Policies:{Policy}:Resources:0:Id"] = "pipeline_id",
            [$"Idempotency:Policies:{Policy}:Resources:0:Path"] = "/pipelines/{id}",
            [$"Idempotency:Policies:{Policy}:Resources:1:Id"] = "run_id",
            [$"Idempotency:Policies:{Policy}:Resources:1:Path"] = "/runs/{id}",
        };
        foreach (var (route, path) in CreatingRoutes)
        {
            settings[$"ReverseProxy:Routes:{route}:ClusterId"] = "legacy";
            settings[$"ReverseProxy:Routes:{route}:Match:Path"] = path;
            settings[$"ReverseProxy:Routes:{route}:Metadata:IdempotencyPolicy"] = Policy;
        }

        foreach (var (key, value) in shape.Concat(overrides ?? new Dictionary<string, string?>()))
        {
            settings[key] = value;
        }

        return settings;
    }
}
