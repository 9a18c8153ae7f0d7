using System.Text.Json.Serialization;

namespace WhetGateway.SampleApi.TestHooks;

/// <summary>
/// Base of every success body of a mutating endpoint, so the <c>X-Sample-Response-Bytes</c>
/// hook can enlarge it with a <c>padding</c> field.
/// </summary>
internal abstract record PaddableResponse
{
    [JsonPropertyOrder(1)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Padding { get; set; }
}
