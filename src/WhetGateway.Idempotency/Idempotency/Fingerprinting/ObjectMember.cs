namespace WhetGateway.Idempotency.Fingerprinting;

/// <summary>
/// A member of an object being put in canonical order: its name's text (in the document, or decoded when it was
/// escaped), the token of its value, and its place in the document. Members order by name as
/// <see cref="StringComparer.Ordinal"/> orders strings, ties in document order.
/// </summary>
internal readonly record struct ObjectMember(ReadOnlyMemory<byte> Name, int ValueToken, int Position) : IComparable<ObjectMember>
{
    public int CompareTo(ObjectMember other)
    {
        var order = Utf16OrdinalOrder.Compare(Name.Span, other.Name.Span);
        return order != 0 ? order : Position.CompareTo(other.Position);
    }
}
