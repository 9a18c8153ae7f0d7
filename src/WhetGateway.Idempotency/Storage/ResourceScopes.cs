namespace WhetGateway.Storage;

/// <summary>The names of resource indexes that are not a caller's scope.</summary>
internal static class ResourceScopes
{
    /// <summary>
    /// The index of records that any caller's confirmed DELETE evicts (opted into per policy or resource). No scope
    /// id takes this form: they all carry a prefix such as <c>credential:</c> or <c>org:</c>.
    /// </summary>
    public const string AnyCaller = "*";
}
