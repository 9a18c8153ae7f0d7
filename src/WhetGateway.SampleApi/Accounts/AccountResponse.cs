using WhetGateway.SampleApi.TestHooks;

namespace WhetGateway.SampleApi.Accounts;

/// <summary>Body returned when an account was connected.</summary>
internal sealed record AccountResponse(string AccountId, string? Provider) : PaddableResponse;
