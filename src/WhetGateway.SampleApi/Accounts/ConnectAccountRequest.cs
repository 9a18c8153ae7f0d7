namespace WhetGateway.SampleApi.Accounts;

/// <summary>Body of <c>POST /accounts/connect</c>; unknown fields are ignored.</summary>
internal sealed record ConnectAccountRequest(string? Provider);
