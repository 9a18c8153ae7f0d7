using WhetGateway.SampleApi.TestHooks;

namespace WhetGateway.SampleApi.Posts;

/// <summary>Body returned when a draft was created for a post.</summary>
internal sealed record DraftResponse(string PostId, string DraftId, string RunId, string? Text) : PaddableResponse;
