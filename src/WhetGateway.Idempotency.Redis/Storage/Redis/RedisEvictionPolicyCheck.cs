using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using WhetGateway.Configuration;
using WhetGateway.Telemetry;

namespace WhetGateway.Storage.Redis;

/// <summary>
/// Checks on connecting that no Redis primary would evict keys under memory pressure (<c>maxmemory-policy</c> other than
/// <c>noeviction</c>): Redis evicting a record silently turns a retry into a second execution.
/// </summary>
internal static partial class RedisEvictionPolicyCheck
{
    private const string Setting = "Idempotency:Store:Redis:EvictionPolicyCheck";

    public static async Task RunAsync(IConnectionMultiplexer connection, EvictionPolicyCheck mode, ILogger logger)
    {
        if (mode == EvictionPolicyCheck.Off)
        {
            return;
        }

        var checkedAny = false;
        foreach (var server in connection.GetServers().Where(server => server.IsConnected && !server.IsReplica))
        {
            string? policy;
            try
            {
                policy = (await server.ConfigGetAsync("maxmemory-policy").ConfigureAwait(false)).Select(pair => pair.Value).FirstOrDefault();
            }
            catch (RedisException exception)
            {
                LogCannotRead(logger, exception, server.EndPoint.ToString() ?? "?", Setting);
                continue;
            }

            checkedAny = true;
            if (policy is not null && policy != "noeviction")
            {
                var message = $"Redis {server.EndPoint} has maxmemory-policy '{policy}': under memory pressure it may evict idempotency records, "
                    + $"and a retry would then run again. Set maxmemory-policy noeviction, or set {Setting} to Warn or Off.";
                if (mode == EvictionPolicyCheck.Refuse)
                {
                    throw new InvalidOperationException(message);
                }

                LogUnsafePolicy(logger, message);
            }
        }

        if (!checkedAny)
        {
            LogNotChecked(logger, Setting);
        }
    }

    [LoggerMessage(EventId = IdempotencyEventIds.EvictionPolicyRefused, Level = LogLevel.Error, Message = "{Message}")]
    private static partial void LogUnsafePolicy(ILogger logger, string message);

    [LoggerMessage(EventId = IdempotencyEventIds.EvictionPolicyUnread, Level = LogLevel.Warning, Message = "Could not read maxmemory-policy from Redis {EndPoint}; set {Setting} to Off to silence this.")]
    private static partial void LogCannotRead(ILogger logger, Exception exception, string endPoint, string setting);

    [LoggerMessage(EventId = IdempotencyEventIds.EvictionPolicyUnchecked, Level = LogLevel.Warning, Message = "Redis did not answer on connecting, so its maxmemory-policy was not checked ({Setting}).")]
    private static partial void LogNotChecked(ILogger logger, string setting);
}
