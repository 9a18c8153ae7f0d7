using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using WhetGateway.SampleApi.Identifiers;

namespace WhetGateway.SampleApi.Auth;

/// <summary>
/// The sample API's HS256 tokens: who the caller is (<c>sub</c>) and which organization it acts for (<c>org_id</c>),
/// signed with <c>Sample:JwtSigningKey</c> (by default the published <see cref="DemoSigningKey"/>, for demos only).
/// </summary>
internal sealed class SampleTokens
{
    /// <summary>The configuration key of the signing secret.</summary>
    public const string SigningKeySetting = "Sample:JwtSigningKey";

    /// <summary>
    /// The signing secret used when none is configured. It is public: never use it outside a demo. The gateway refuses
    /// it as its <c>Idempotency:Scope:Jwt:SigningKey</c> unless <c>Idempotency:Scope:Jwt:AllowDemoSigningKey</c> is on.
    /// </summary>
    public const string DemoSigningKey = "whet-sample-demo-signing-key-not-a-secret";

    /// <summary>The <c>iss</c> and <c>aud</c> of every sample token.</summary>
    public const string IssuerAndAudience = "whet-sample";

    /// <summary>The claim that names the caller's organization.</summary>
    public const string OrganizationClaim = "org_id";

    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    private readonly SymmetricSecurityKey _key;

    /// <summary>Creates the token service from configuration.</summary>
    /// <param name="configuration">Reads <see cref="SigningKeySetting"/>.</param>
    public SampleTokens(IConfiguration configuration)
    {
        _key = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(configuration[SigningKeySetting] ?? DemoSigningKey));
    }

    /// <summary>How incoming tokens are checked: signature, issuer, audience and lifetime.</summary>
    public TokenValidationParameters ValidationParameters => new()
    {
        IssuerSigningKey = _key,
        ValidIssuer = IssuerAndAudience,
        ValidAudience = IssuerAndAudience,
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
    };

    /// <summary>Mints a token for <paramref name="subject"/> in <paramref name="organization"/>, valid for an hour.</summary>
    /// <param name="organization">The organization id, e.g. <c>org_a</c>.</param>
    /// <param name="subject">The caller; a random user id when null.</param>
    /// <returns>The compact JWT.</returns>
    public string Mint(string organization, string? subject = null) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = IssuerAndAudience,
        Audience = IssuerAndAudience,
        Expires = DateTime.UtcNow + Lifetime,
        Subject = new ClaimsIdentity(
        [
            new Claim(JwtRegisteredClaimNames.Sub, subject ?? ResourceIds.New("user")),
            new Claim(JwtRegisteredClaimNames.Jti, ResourceIds.RandomHex(8)),
            new Claim(OrganizationClaim, organization),
        ]),
        SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.HmacSha256),
    });
}
