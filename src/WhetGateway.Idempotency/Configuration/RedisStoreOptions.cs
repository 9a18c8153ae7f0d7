namespace WhetGateway.Configuration;

/// <summary>Settings of the Redis store (<c>Idempotency:Store:Redis</c>).</summary>
public sealed class RedisStoreOptions
{
    /// <summary>A StackExchange.Redis connection string, e.g. <c>127.0.0.1:6379</c> or <c>host:6380,password=…,ssl=true</c>.</summary>
    public string? Configuration { get; set; }

    /// <summary>Prefix of every key and channel the gateway uses, so several deployments can share one Redis.</summary>
    public string KeyPrefix { get; set; } = "whet:";

    /// <summary>How long one store call may take before the request is answered 503 instead. Default 1 s.</summary>
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary><c>Refuse</c> (default), <c>Warn</c> or <c>Off</c>: what to do at start when Redis may evict keys.</summary>
    public EvictionPolicyCheck EvictionPolicyCheck { get; set; } = EvictionPolicyCheck.Refuse;
}
