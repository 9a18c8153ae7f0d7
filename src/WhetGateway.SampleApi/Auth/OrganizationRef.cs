namespace WhetGateway.SampleApi.Auth;

/// <summary>An organization as the introspection answer names it: <c>{"id":"org_a"}</c>.</summary>
internal sealed record OrganizationRef(string Id);
