namespace WhetGateway.Configuration;

/// <summary>
/// Bearer JWTs the gateway validates itself (<c>Idempotency:Scope:Jwt</c>); the organization comes from a claim.
/// Set <see cref="SigningKey"/> or <see cref="Authority"/>.
/// </summary>
public sealed class JwtScopeOptions
{
    /// <summary>The shortest HS256 shared secret accepted, in UTF-8 bytes (256 bits).</summary>
    public const int MinSigningKeyBytes = 32;

    /// <summary>An HS256 shared secret (32 bytes or more), for setups without an identity provider.</summary>
    public string? SigningKey { get; set; }

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
