namespace WhetGateway.SampleApi.Fetching;

/// <summary>Body of <c>POST /fetch</c>; unknown fields are ignored.</summary>
internal sealed record FetchRequest(string? Url, string? Intent);
