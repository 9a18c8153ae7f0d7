using System.Security.Claims;

namespace WhetGateway.Scoping;

/// <summary>The scope id of an organization, whichever source named it. The record id hashes it with the key.</summary>
internal static class OrganizationScope
{
    /// <summary><c>org:</c> and the id, or null when there is no usable id.</summary>
    public static string? Of(string? organizationId) => string.IsNullOrWhiteSpace(organizationId) ? null : "org:" + organizationId;

    /// <summary>The scope of the one organization the principal's <paramref name="claimType"/> claims name, or null for none or several.</summary>
    public static string? Of(ClaimsPrincipal principal, string claimType)
    {
        var organizations = principal.FindAll(claimType).Select(claim => claim.Value).Distinct(StringComparer.Ordinal).ToArray();
        return organizations.Length == 1 ? Of(organizations[0]) : null;
    }
}
