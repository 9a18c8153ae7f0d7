namespace WhetGateway.Admin;

/// <summary>
/// The body of an operator record lookup or forget: the public identifiers of one key. The caller (<c>scope</c>: its
/// credential under <c>Credential</c>, its organization id under organization scopes), the <c>method</c> (default
/// POST), the <c>path</c> and the <c>key</c>. A body, never a query string: the credential and the key must not end up
/// in access logs.
/// </summary>
internal sealed record RecordLookup(string? Scope, string? Method, string? Path, string? Key)
{
    /// <summary>The largest body read: room for a long bearer token (request headers are capped at 32 KB), not for abuse.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    /// <summary>How a lookup looks, for error messages.</summary>
    public const string Shape = """{"scope":…,"method":"POST","path":…,"key":…}""";

    /// <summary>The JSON name of the first required field that is missing or empty; null when none is.</summary>
    public string? MissingField() =>
        string.IsNullOrEmpty(Scope) ? "scope"
        : string.IsNullOrEmpty(Path) ? "path"
        : string.IsNullOrEmpty(Key) ? "key"
        : null;
}
