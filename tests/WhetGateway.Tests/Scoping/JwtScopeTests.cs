using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using WhetGateway.Tests.Gateway;
using WhetGateway.Tests.Infrastructure;

namespace WhetGateway.Tests.Scoping;

/// <summary>Scope by the <c>org_id</c> of a bearer JWT the gateway validates itself (HS256 shared secret).</summary>
public sealed class JwtScopeTests : OrganizationScopeSpec
{
    protected override IReadOnlyDictionary<string, string?> SettingOverrides => TestTokens.JwtScope();

    protected override (string Name, string Value)[] Caller(string organization) => [("Authorization", TestTokens.Bearer(organization))];

    protected override (string Name, string Value)[] CallerWithoutOrganization() => [("Authorization", TestTokens.Bearer(organization: null))];

    [Fact]
    public Task A_token_with_a_wrong_signature_is_never_replayed() =>
        AssertNeverReplayedAsync(TestTokens.Bearer("org_a", signingKey: TestTokens.OtherSigningKey));

    [Fact]
    public Task An_expired_token_is_never_replayed() =>
        AssertNeverReplayedAsync(TestTokens.Bearer("org_a", expires: DateTime.UtcNow.AddHours(-1)));

    [Fact]
    public Task A_token_for_another_audience_is_never_replayed() =>
        AssertNeverReplayedAsync(TestTokens.Bearer("org_a", audience: "another-api"));

    [Fact]
    public Task A_token_from_another_issuer_is_never_replayed() =>
        AssertNeverReplayedAsync(TestTokens.Bearer("org_a", issuer: "https://elsewhere.example"));

    [Fact]
    public Task An_unsigned_token_is_never_replayed() =>
        AssertNeverReplayedAsync(TestTokens.Bearer("org_a", credentials: null, TestTokens.IssuerAndAudience, TestTokens.IssuerAndAudience));

    [Fact]
    public Task A_credential_that_is_not_a_JWT_is_never_replayed() => AssertNeverReplayedAsync("Bearer test-token");

    [Fact]
    public async Task A_spoofed_organization_header_does_not_move_a_token_into_another_organization()
    {
        var key = Requests.NewKey();
        using var victim = await CreatePipelineAsAsync(key, Caller("org_a"));

        using var attacker = await CreatePipelineAsAsync(key, ("Authorization", TestTokens.Bearer("org_b")), ("X-Organization-Id", "org_a"), ("X-Org-Id", "org_a"));

        Assert.False(attacker.Headers.Contains("Idempotent-Replayed"));
        Assert.NotEqual(await victim.Content.ReadAsStringAsync(), await attacker.Content.ReadAsStringAsync());
        Assert.Equal(2, Executions());
    }

    [Fact]
    public async Task The_scope_scheme_is_no_default_so_no_other_request_is_authenticated()
    {
        var schemes = Gateway.Services.GetRequiredService<IAuthenticationSchemeProvider>();

        Assert.Null(await schemes.GetDefaultAuthenticateSchemeAsync());
    }

    /// <summary>A valid org_a caller made the record; the bad token, retried, is never replayed it, and the backend answers each time.</summary>
    private async Task AssertNeverReplayedAsync(string badCredential)
    {
        var key = Requests.NewKey();
        using var original = await CreatePipelineAsAsync(key, Caller("org_a"));

        using var first = await CreatePipelineAsAsync(key, ("Authorization", badCredential));
        using var retry = await CreatePipelineAsAsync(key, ("Authorization", badCredential));

        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        Assert.False(retry.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(3, Executions());
    }
}
