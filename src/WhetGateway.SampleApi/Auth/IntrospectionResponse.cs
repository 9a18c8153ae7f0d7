using System.Text.Json.Serialization;

namespace WhetGateway.SampleApi.Auth;

/// <summary>
/// Body of <c>/auth/introspect</c>, in the shape of RFC 7662: <c>{"active":false}</c> for an unknown or invalid
/// token, otherwise the caller, its organization and the token's expiry (Unix seconds).
/// </summary>
internal sealed record IntrospectionResponse(
    bool Active,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Sub = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] OrganizationRef? Organization = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? Exp = null);
