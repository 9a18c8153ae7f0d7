using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;
using WhetGateway.Tests.Gateway;
using WhetGateway.Tests.Infrastructure;

namespace WhetGateway.Tests.Scoping;

/// <summary>The Jwt source with an <c>Authority</c>: signing keys and issuer come from its discovery document and JWKS.</summary>
public sealed class JwtAuthorityScopeTests : GatewayTestBase
{
    private const string Audience = "whet-gateway";

    private OidcAuthorityHost _authority = null!;

    protected override IReadOnlyDictionary<string, string?> SettingOverrides => new Dictionary<string, string?>
    {
        ["Idempotency:Scope:Source"] = "Jwt",
        ["Idempotency:Scope:Jwt:Authority"] = _authority.Address.ToString(),
        ["Idempotency:Scope:Jwt:RequireHttpsMetadata"] = "false",
        ["Idempotency:Scope:Jwt:Audience"] = Audience,
    };

    public override async Task InitializeAsync()
    {
        _authority = await OidcAuthorityHost.StartAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _authority.DisposeAsync();
    }

    [Fact]
    public async Task Tokens_signed_with_the_published_key_share_their_organizations_execution()
    {
        var key = Requests.NewKey();

        using var first = await CreatePipelineAsAsync(key, Caller("org_a", _authority.Signing));
        using var colleague = await CreatePipelineAsAsync(key, Caller("org_a", _authority.Signing));

        Assert.True(colleague.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(1, Executions());
    }

    [Fact]
    public async Task A_token_signed_with_a_key_the_authority_does_not_publish_is_never_replayed()
    {
        using var rsa = RSA.Create(2048);
        var forged = new SigningCredentials(new RsaSecurityKey(rsa) { KeyId = OidcAuthorityHost.KeyId }, SecurityAlgorithms.RsaSha256);
        var key = Requests.NewKey();

        using var original = await CreatePipelineAsAsync(key, Caller("org_a", _authority.Signing));
        using var forgery = await CreatePipelineAsAsync(key, Caller("org_a", forged));

        Assert.False(forgery.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(2, Executions());
    }

    private (string Name, string Value) Caller(string organization, SigningCredentials signing) =>
        ("Authorization", TestTokens.Bearer(organization, signing, _authority.Address.ToString(), Audience));
}
