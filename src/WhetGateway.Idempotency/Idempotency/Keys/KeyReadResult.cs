namespace WhetGateway.Idempotency.Keys;

/// <summary>The key a request carries, or why it has none usable.</summary>
/// <param name="Status">What was found.</param>
/// <param name="Key">The key, when <paramref name="Status"/> is <see cref="KeyReadStatus.Valid"/>.</param>
/// <param name="Error">Why the request is refused, for the error envelope's message.</param>
/// <param name="Param">Where the bad key was (body field or header), for the error envelope's param.</param>
/// <param name="BodyIsJsonObject">Whether the body parsed as a JSON object, so it can be fingerprinted canonically.</param>
internal readonly record struct KeyReadResult(KeyReadStatus Status, string? Key, string? Error, string? Param, bool BodyIsJsonObject)
{
    public static KeyReadResult Invalid(string error, string param, bool bodyIsJsonObject) =>
        new(KeyReadStatus.Invalid, null, error, param, bodyIsJsonObject);
}
