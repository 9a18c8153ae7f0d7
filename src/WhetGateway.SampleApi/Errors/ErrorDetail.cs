using System.Text.Json.Serialization;

namespace WhetGateway.SampleApi.Errors;

/// <summary>Describes what went wrong; <see cref="Param"/> names the offending request field, if any.</summary>
internal sealed record ErrorDetail(
    string Type,
    string Message,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Param = null);
