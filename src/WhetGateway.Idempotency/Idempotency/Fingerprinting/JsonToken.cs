namespace WhetGateway.Idempotency.Fingerprinting;

/// <summary>
/// One token of a JSON document, in document order: where its text is (a string's or a name's without the quotes),
/// and the index of the token after it with all it contains, so a container is stepped over in one move.
/// </summary>
internal readonly record struct JsonToken(JsonTokenKind Kind, bool Escaped, int Start, int Length, int Next);
