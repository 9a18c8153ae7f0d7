using WhetGateway.SampleApi.TestHooks;

namespace WhetGateway.SampleApi.Artifacts;

/// <summary>Body returned when an artifact was published.</summary>
internal sealed record PublicationResponse(string ArtifactId, string PublicationId, string RunId) : PaddableResponse;
