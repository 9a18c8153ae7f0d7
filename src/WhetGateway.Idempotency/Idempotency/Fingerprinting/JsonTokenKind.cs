namespace WhetGateway.Idempotency.Fingerprinting;

/// <summary>What a <see cref="JsonToken"/> is.</summary>
internal enum JsonTokenKind : byte
{
    Object,
    Array,
    PropertyName,
    String,

    /// <summary>A number, <c>true</c>, <c>false</c> or <c>null</c>: written as it was read.</summary>
    Literal,
}
