namespace WhetGateway.Configuration;

/// <summary>Where idempotency records live.</summary>
public enum StoreProvider
{
    /// <summary>In this process: the default, for a single gateway instance and the quick start.</summary>
    InMemory,

    /// <summary>In Redis, shared by every gateway instance that points at it.</summary>
    Redis,
}
