namespace WhetGateway.Admin;

/// <summary>
/// The public identifiers of one key, as query parameters of the operator record endpoints: the caller
/// (<c>scope</c>: its credential under <c>Credential</c>, its organization id under organization scopes), the
/// <c>method</c> (default POST), the <c>path</c> and the <c>key</c>.
/// </summary>
internal sealed record RecordLookup(string? Scope, string? Method, string? Path, string? Key);
