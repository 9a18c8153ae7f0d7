using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using WhetGateway.Configuration;

namespace WhetGateway.Scoping;

/// <summary>
/// Configures the JWT bearer handler of the <see cref="JwtScopeResolver.AuthenticationScheme"/> scheme from
/// <c>Idempotency:Scope:Jwt</c>: signature (HS256 key or the authority's JWKS), issuer, audience and lifetime.
/// </summary>
internal sealed class JwtScopeBearerOptionsSetup(IOptions<IdempotencyOptions> idempotency) : IConfigureNamedOptions<JwtBearerOptions>
{
    public void Configure(string? name, JwtBearerOptions options)
    {
        if (name == JwtScopeResolver.AuthenticationScheme)
        {
            Configure(options);
        }
    }

    public void Configure(JwtBearerOptions options)
    {
        var jwt = idempotency.Value.Scope.Jwt;
        options.MapInboundClaims = false;
        options.Authority = string.IsNullOrWhiteSpace(jwt.Authority) ? null : jwt.Authority;
        options.RequireHttpsMetadata = jwt.RequireHttpsMetadata;

        var validation = options.TokenValidationParameters;
        validation.RequireSignedTokens = true;
        validation.RequireExpirationTime = true;
        validation.ValidateLifetime = true;
        validation.ValidateIssuer = !string.IsNullOrWhiteSpace(jwt.Issuer) || options.Authority is not null;
        validation.ValidIssuer = jwt.Issuer;
        validation.ValidateAudience = !string.IsNullOrWhiteSpace(jwt.Audience);
        validation.ValidAudience = jwt.Audience;
        if (!string.IsNullOrEmpty(jwt.SigningKey))
        {
            validation.IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(jwt.SigningKey));
        }

        if (options.Authority is null)
        {
            validation.ValidAlgorithms = [SecurityAlgorithms.HmacSha256];
        }
    }
}
