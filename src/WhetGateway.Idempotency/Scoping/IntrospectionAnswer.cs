using System.Text.Json;
using WhetGateway.Json;

namespace WhetGateway.Scoping;

/// <summary>What an introspection endpoint said about a credential: the organization it names, and until when.</summary>
internal readonly record struct IntrospectionAnswer(string Organization, DateTimeOffset? ExpiresAt)
{
    /// <summary>
    /// Reads an answer: a JSON object marked <c>"active": true</c> with the organization at
    /// <paramref name="organizationPath"/>, and an optional RFC 7662 <c>exp</c> (Unix seconds). Null when it names no
    /// organization; an answer without <c>active</c> names none, as RFC 7662 makes <c>active</c> the one field that
    /// says the credential is good.
    /// </summary>
    public static IntrospectionAnswer? Parse(ReadOnlyMemory<byte> json, JsonFieldPath organizationPath)
    {
        using var document = JsonDocument.Parse(json, JsonLimits.DocumentOptions);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("active", out var active) || active.ValueKind != JsonValueKind.True
            || organizationPath.FindScalar(root) is not { } organization)
        {
            return null;
        }

        var expiresAt = root.TryGetProperty("exp", out var exp) && exp.TryGetInt64(out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(seconds, 0, DateTimeOffset.MaxValue.ToUnixTimeSeconds()))
            : (DateTimeOffset?)null;
        return new IntrospectionAnswer(organization, expiresAt);
    }
}
