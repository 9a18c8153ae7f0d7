namespace WhetGateway.Configuration;

/// <summary>How the gateway tells callers apart; keys never collide across scopes.</summary>
public enum ScopeSource
{
    /// <summary>A hash of the caller's credential header (by default <c>Authorization</c>). No credential: no idempotency.</summary>
    Credential,

    /// <summary>One scope shared by every caller, for APIs without authentication.</summary>
    Global,
}
