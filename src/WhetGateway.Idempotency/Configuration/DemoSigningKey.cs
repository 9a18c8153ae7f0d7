using Microsoft.Extensions.Logging;
using WhetGateway.Telemetry;

namespace WhetGateway.Configuration;

/// <summary>
/// The sample API's published HS256 secret (<c>config/sample.json</c>, the sample's <c>SampleTokens</c>). It is in the
/// repository, so anyone can mint tokens with it, for any organization: a gateway trusting it hands every tenant's
/// replays to whoever asks. The gateway refuses it unless <see cref="JwtScopeOptions.AllowDemoSigningKey"/> is on.
/// </summary>
internal static partial class DemoSigningKey
{
    public const string Value = "whet-sample-demo-signing-key-not-a-secret";

    /// <summary>Whether <paramref name="jwt"/> trusts the published key, whatever its switch says.</summary>
    public static bool IsUsedBy(JwtScopeOptions jwt) => string.Equals(jwt.SigningKey, Value, StringComparison.Ordinal);

    /// <summary>Says at start that the published key is trusted, so a demo setup that reaches production shows in its log.</summary>
    public static void WarnIfTrusted(ScopeOptions scope, ILogger logger)
    {
        if (scope.Source == ScopeSource.Jwt && IsUsedBy(scope.Jwt) && scope.Jwt.AllowDemoSigningKey)
        {
            LogTrusted(logger);
        }
    }

    [LoggerMessage(EventId = IdempotencyEventIds.DemoSigningKeyInUse, Level = LogLevel.Warning, Message = "Idempotency:Scope:Jwt:AllowDemoSigningKey is on and Idempotency:Scope:Jwt:SigningKey is the sample's "
        + "published demo key: anyone can mint tokens for any organization and receive its replays. For demos only; never in production.")]
    private static partial void LogTrusted(ILogger logger);
}
