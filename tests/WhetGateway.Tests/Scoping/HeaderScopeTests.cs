using WhetGateway.Tests.Infrastructure;

namespace WhetGateway.Tests.Scoping;

/// <summary>Scope by the organization header that a trusted authenticating proxy sets, in trusted mode.</summary>
public sealed class HeaderScopeTests : OrganizationScopeSpec
{
    private const string OrganizationHeader = "X-Organization-Id";

    protected override IReadOnlyDictionary<string, string?> SettingOverrides => new Dictionary<string, string?>
    {
        ["Idempotency:Scope:Source"] = "Header",
        ["Idempotency:Scope:Header:Name"] = OrganizationHeader,
        ["Idempotency:Scope:Header:Trusted"] = "true",
    };

    protected override (string Name, string Value)[] Caller(string organization) =>
        [(OrganizationHeader, organization), ("Authorization", "Bearer " + Requests.NewKey())];

    protected override (string Name, string Value)[] CallerWithoutOrganization() => [("Authorization", "Bearer " + Requests.NewKey())];

    [Fact]
    public async Task An_organization_header_with_several_values_is_never_replayed()
    {
        var key = Requests.NewKey();
        (string, string)[] ambiguous = [(OrganizationHeader, "org_a"), (OrganizationHeader, "org_b")];

        using var first = await CreatePipelineAsAsync(key, ambiguous);
        using var retry = await CreatePipelineAsAsync(key, ambiguous);

        Assert.False(retry.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(2, Executions());
    }
}
