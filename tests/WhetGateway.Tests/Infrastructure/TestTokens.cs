using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace WhetGateway.Tests.Infrastructure;

/// <summary>JWTs signed by the tests themselves: valid ones, and each way a token can be wrong.</summary>
public static class TestTokens
{
    /// <summary>The HS256 secret the gateway under test (and the sample API, for introspection) trusts.</summary>
    public const string SigningKey = "whet-tests-signing-key-0123456789abcdef";

    /// <summary>A secret nobody trusts.</summary>
    public const string OtherSigningKey = "an-attackers-signing-key-0123456789abcdef";

    /// <summary>The <c>iss</c> and <c>aud</c> the sample API checks, so one token serves the gateway and the sample.</summary>
    public const string IssuerAndAudience = "whet-sample";

    /// <summary>Gateway settings that scope by the <c>org_id</c> of tokens signed with <see cref="SigningKey"/>.</summary>
    public static Dictionary<string, string?> JwtScope() => new()
    {
        ["Idempotency:Scope:Source"] = "Jwt",
        ["Idempotency:Scope:Jwt:SigningKey"] = SigningKey,
        ["Idempotency:Scope:Jwt:Issuer"] = IssuerAndAudience,
        ["Idempotency:Scope:Jwt:Audience"] = IssuerAndAudience,
    };

    /// <summary>The sample API's argument that makes it trust <see cref="SigningKey"/>.</summary>
    public static string SampleApiArgument => $"--Sample:JwtSigningKey={SigningKey}";

    /// <summary>A bearer credential (<c>Bearer eyJ…</c>) for a fresh token; each call makes a different token.</summary>
    public static string Bearer(
        string? organization,
        string signingKey = SigningKey,
        DateTime? expires = null,
        string issuer = IssuerAndAudience,
        string audience = IssuerAndAudience) =>
        "Bearer " + Create(organization, new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(signingKey)), SecurityAlgorithms.HmacSha256), expires, issuer, audience);

    /// <summary>A bearer credential for a token signed by <paramref name="credentials"/> (null: unsigned, <c>alg: none</c>).</summary>
    public static string Bearer(string organization, SigningCredentials? credentials, string issuer, string audience) =>
        "Bearer " + Create(organization, credentials, expires: null, issuer, audience);

    private static string Create(string? organization, SigningCredentials? credentials, DateTime? expires, string issuer, string audience)
    {
        var claims = new List<Claim>
        {
            new(JwtRegisteredClaimNames.Sub, "user_" + Guid.NewGuid().ToString("N")[..8]),
            new(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString("N")),
        };
        if (organization is not null)
        {
            claims.Add(new Claim("org_id", organization));
        }

        var expiresAt = expires ?? DateTime.UtcNow.AddMinutes(10);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = expiresAt.AddMinutes(-20),
            NotBefore = expiresAt.AddMinutes(-20),
            Expires = expiresAt,
            Subject = new ClaimsIdentity(claims),
            SigningCredentials = credentials,
        });
    }
}
