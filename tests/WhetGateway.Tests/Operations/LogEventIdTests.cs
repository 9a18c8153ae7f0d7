using System.Reflection;
using Microsoft.Extensions.Logging;
using WhetGateway.Hosting;
using WhetGateway.Storage.Redis;
using WhetGateway.Telemetry;

namespace WhetGateway.Tests.Operations;

/// <summary>Every event the gateway, the engine and the Redis store log carries an id of its own, so operators can filter on it.</summary>
public sealed class LogEventIdTests
{
    private static readonly IReadOnlyList<(string Method, int EventId)> Events =
    [
        .. new[] { typeof(IdempotencyEventIds).Assembly, typeof(RedisIdempotencyStore).Assembly, typeof(WhetGatewayServiceCollectionExtensions).Assembly }
            .SelectMany(assembly => assembly.GetTypes())
            .SelectMany(type => type.GetMethods(BindingFlags.Static | BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .Select(method => (Method: $"{method.DeclaringType!.Name}.{method.Name}", Attribute: method.GetCustomAttribute<LoggerMessageAttribute>()))
            .Where(logged => logged.Attribute is not null)
            .Select(logged => (logged.Method, logged.Attribute!.EventId)),
    ];

    [Fact]
    public void Every_logged_event_has_an_id()
    {
        Assert.NotEmpty(Events);
        Assert.Empty(Events.Where(logged => logged.EventId <= 0).Select(logged => logged.Method));
    }

    [Fact]
    public void No_two_logged_events_share_an_id()
    {
        var shared = Events.GroupBy(logged => logged.EventId).Where(group => group.Count() > 1).Select(group => string.Join(", ", group.Select(logged => logged.Method)));

        Assert.Empty(shared);
    }
}
