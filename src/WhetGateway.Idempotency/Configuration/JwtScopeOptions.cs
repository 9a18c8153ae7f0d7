namespace WhetGateway.Configuration;

/// <summary>
/// Bearer JWTs the gateway validates itself (<c>Idempotency:Scope:Jwt</c>); the organization comes from a claim.
/// Set <see cref="SigningKey"/> or <see cref="Authority"/>, not both.
/// </summary>
public sealed class JwtScopeOptions
{
    /// <summary>The shortest HS256 shared secret accepted, in UTF-8 bytes (256 bits).</summary>
    public const int MinSigningKeyBytes = 32;

    /// <summary>An HS256 shared secret (32 bytes or more), for setups without an identity provider.</summary>
    public string? SigningKey { get; set; }

    /// <summary>
    /// Accept the sample's published demo key as <see cref="SigningKey"/>. Default false: a gateway given that key refuses
    /// to start, since anyone can mint tokens with it. The quick start and the compose file turn it on, and the gateway
    /// logs a warning at start while it is.
    /// </summary>
    /// <remarks>
    /// A setting next to the key rather than the host environment (<c>ASPNETCORE_ENVIRONMENT=Development</c>): the
    /// environment also switches other behaviour and is often left at Development by accident, while this switch names
    /// the one risk it accepts, is bound like every other setting (a misspelling stops the start) and shows up in a
    /// review of the configuration beside the key it excuses.
    /// </remarks>
    public bool AllowDemoSigningKey { get; set; }

    /// <summary>An OpenID Connect issuer whose discovery document names the signing keys (JWKS), e.g. <c>https://login.example.com/</c>.</summary>
    public string? Authority { get; set; }

    /// <summary>Refuse an <see cref="Authority"/> that is not HTTPS. Default true; turn off for local tests only.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>The <c>iss</c> a token must carry. Checked when set; under <see cref="Authority"/>, discovery names it otherwise.</summary>
    public string? Issuer { get; set; }

    /// <summary>The <c>aud</c> a token must carry. Checked when set; required with <see cref="Authority"/>.</summary>
    public string? Audience { get; set; }

    /// <summary>The claim that names the caller's organization. Default <c>org_id</c>.</summary>
    public string OrganizationClaim { get; set; } = "org_id";
}
