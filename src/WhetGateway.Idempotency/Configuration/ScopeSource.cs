namespace WhetGateway.Configuration;

/// <summary>
/// How the gateway tells callers apart; keys never collide across scopes. A replay skips the backend's own
/// authorization, so each source says whom the gateway trusts to name the caller.
/// </summary>
public enum ScopeSource
{
    /// <summary>
    /// A hash of the caller's credential header (by default <c>Authorization</c>). No credential: no idempotency.
    /// Trusts nothing but the credential itself: only a caller who presents the very same credential can be replayed
    /// the response, so two tokens of one organization get two scopes.
    /// </summary>
    Credential,

    /// <summary>
    /// The organization claim of a bearer JWT that the gateway validates itself (signature, issuer, audience,
    /// lifetime). Trusts the token's issuer. An invalid, expired or org-less token: no idempotency.
    /// </summary>
    Jwt,

    /// <summary>
    /// The organization an introspection endpoint names for the caller's credential, cached per credential hash.
    /// Trusts that endpoint. A failed or inactive introspection: no idempotency.
    /// </summary>
    Introspection,

    /// <summary>
    /// The organization in a header that an authenticating proxy in front of the gateway sets. Trusts whoever can
    /// reach the gateway, so only allowed with <c>Idempotency:Scope:Header:Trusted</c> set to true.
    /// </summary>
    Header,

    /// <summary>One scope shared by every caller, for APIs without authentication. Trusts everybody.</summary>
    Global,

    /// <summary>
    /// In-process only: the organization claim (<c>Idempotency:Scope:ClaimType</c>) of the user the app's own
    /// authentication signed in (<c>HttpContext.User</c>), so call <c>UseIdempotency</c> after <c>UseAuthentication</c>.
    /// Trusts the app's authentication. No such claim, or several different ones: no idempotency.
    /// </summary>
    Claim,
}
