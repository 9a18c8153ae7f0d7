using System.Text.Json.Serialization;

namespace MinimalApi;

/// <summary>A placed order; <c>order_id</c> is the resource id the <c>orders</c> policy ties records to.</summary>
public sealed record Order([property: JsonPropertyName("order_id")] string Id, string Item, int Quantity);
