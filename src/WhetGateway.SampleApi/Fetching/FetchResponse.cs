using WhetGateway.SampleApi.TestHooks;

namespace WhetGateway.SampleApi.Fetching;

/// <summary>Body returned by a (simulated) fetch.</summary>
internal sealed record FetchResponse(string FetchId, string? Url, string? Intent, string Content) : PaddableResponse;
