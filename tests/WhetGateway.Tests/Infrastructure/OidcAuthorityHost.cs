using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace WhetGateway.Tests.Infrastructure;

/// <summary>
/// A minimal OpenID Connect issuer on real Kestrel: a discovery document and a JWKS publishing one RSA key, and
/// signing credentials for that key, so the gateway's <c>Authority</c> mode is tested against real metadata.
/// </summary>
public sealed class OidcAuthorityHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly RSA _rsa;

    private OidcAuthorityHost(WebApplication app, RSA rsa)
    {
        _app = app;
        _rsa = rsa;
        Address = new Uri(app.Urls.Single() + "/");
        Signing = new SigningCredentials(new RsaSecurityKey(rsa) { KeyId = KeyId }, SecurityAlgorithms.RsaSha256);
    }

    public const string KeyId = "test-key-1";

    /// <summary>The authority, which is also the <c>iss</c> of its tokens.</summary>
    public Uri Address { get; }

    /// <summary>Signs with the key the JWKS publishes.</summary>
    public SigningCredentials Signing { get; }

    public static async Task<OidcAuthorityHost> StartAsync()
    {
        var rsa = RSA.Create(2048);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapGet("/.well-known/openid-configuration", (HttpRequest request) =>
        {
            var issuer = $"{request.Scheme}://{request.Host}/";
            return Results.Json(new Dictionary<string, object> { ["issuer"] = issuer, ["jwks_uri"] = issuer + "jwks" });
        });
        var publicKey = rsa.ExportParameters(includePrivateParameters: false);
        app.MapGet("/jwks", () => Results.Json(new Dictionary<string, object>
        {
            ["keys"] = new[]
            {
                new Dictionary<string, string>
                {
                    ["kty"] = "RSA",
                    ["use"] = "sig",
                    ["alg"] = SecurityAlgorithms.RsaSha256,
                    ["kid"] = KeyId,
                    ["n"] = Base64UrlEncoder.Encode(publicKey.Modulus),
                    ["e"] = Base64UrlEncoder.Encode(publicKey.Exponent),
                },
            },
        }));
        await app.StartAsync();
        return new OidcAuthorityHost(app, rsa);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _rsa.Dispose();
    }
}
