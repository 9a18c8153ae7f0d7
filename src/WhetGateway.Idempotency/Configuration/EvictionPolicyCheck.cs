namespace WhetGateway.Configuration;

/// <summary>What the gateway does at start when Redis may evict keys under memory pressure.</summary>
public enum EvictionPolicyCheck
{
    /// <summary>Refuse to start unless <c>maxmemory-policy</c> is <c>noeviction</c> (default): an evicted record would run a retry twice.</summary>
    Refuse,

    /// <summary>Start, but log an error.</summary>
    Warn,

    /// <summary>Do not check (for managed Redis that hides <c>CONFIG</c>).</summary>
    Off,
}
