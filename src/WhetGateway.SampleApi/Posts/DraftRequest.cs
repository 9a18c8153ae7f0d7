namespace WhetGateway.SampleApi.Posts;

/// <summary>Optional body of <c>POST /posts/{id}/draft</c>; unknown fields are ignored.</summary>
internal sealed record DraftRequest(string? Text);
