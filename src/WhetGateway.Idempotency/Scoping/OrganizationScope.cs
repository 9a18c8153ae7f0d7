namespace WhetGateway.Scoping;

/// <summary>The scope id of an organization, whichever source named it. The record id hashes it with the key.</summary>
internal static class OrganizationScope
{
    /// <summary><c>org:</c> and the id, or null when there is no usable id.</summary>
    public static string? Of(string? organizationId) => string.IsNullOrWhiteSpace(organizationId) ? null : "org:" + organizationId;
}
