namespace WhetGateway.Configuration;

/// <summary>The gateway's idempotency settings: the <c>Idempotency</c> configuration section.</summary>
public sealed class IdempotencyOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "Idempotency";

    /// <summary>The record store.</summary>
    public StoreOptions Store { get; set; } = new();

    /// <summary>How callers are told apart.</summary>
    public ScopeOptions Scope { get; set; } = new();

    /// <summary>The operator endpoints.</summary>
    public AdminOptions Admin { get; set; } = new();

    /// <summary>
    /// The shape of the engine's own errors on REST endpoints: the Agent API envelope (default) or RFC 9457 problem
    /// details. Read at start.
    /// </summary>
    public IdempotencyErrorFormat ErrorFormat { get; set; } = IdempotencyErrorFormat.AgentApi;

    /// <summary>Named policies that routes opt into through <c>Metadata:IdempotencyPolicy</c>.</summary>
    public Dictionary<string, IdempotencyPolicyOptions> Policies { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
