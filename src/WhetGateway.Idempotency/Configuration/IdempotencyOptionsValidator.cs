using System.Text;
using Microsoft.Extensions.Options;
using WhetGateway.Idempotency;
using WhetGateway.Json;
using WhetGateway.Resources;

namespace WhetGateway.Configuration;

/// <summary>Refuses settings that cannot work, naming the offending field, so a typo stops the gateway at start.</summary>
internal sealed class IdempotencyOptionsValidator : IValidateOptions<IdempotencyOptions>
{
    public ValidateOptionsResult Validate(string? name, IdempotencyOptions options)
    {
        var errors = new List<string>();
        if (options.Store.Provider == StoreProvider.Redis && string.IsNullOrWhiteSpace(options.Store.Redis.Configuration))
        {
            errors.Add("Idempotency:Store:Redis:Configuration is required when Idempotency:Store:Provider is Redis.");
        }

        RequirePositive(errors, "Idempotency:Store:Redis:OperationTimeout", options.Store.Redis.OperationTimeout);
        if (options.Store.InMemory.SizeLimitBytes < 1)
        {
            errors.Add($"Idempotency:Store:InMemory:SizeLimitBytes must be a positive number of bytes (was {options.Store.InMemory.SizeLimitBytes}).");
        }

        ValidateScope(errors, options.Scope);
        if (!Enum.IsDefined(options.ErrorFormat))
        {
            errors.Add($"Idempotency:ErrorFormat must be AgentApi or ProblemDetails (was {options.ErrorFormat}).");
        }

        if (options.Admin.Enabled && (options.Admin.Token?.Length ?? 0) < AdminOptions.MinTokenLength)
        {
            errors.Add($"Idempotency:Admin:Token must be at least {AdminOptions.MinTokenLength} characters when Idempotency:Admin:Enabled is true.");
        }

        if (options.Admin.Enabled && !options.Admin.PathBase.StartsWith('/'))
        {
            errors.Add($"Idempotency:Admin:PathBase must start with / (was '{options.Admin.PathBase}').");
        }

        foreach (var (policyName, policy) in options.Policies)
        {
            ValidatePolicy(errors, $"Idempotency:Policies:{policyName}", policy);
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void ValidateScope(List<string> errors, ScopeOptions scope)
    {
        switch (scope.Source)
        {
            case ScopeSource.Credential when string.IsNullOrWhiteSpace(scope.CredentialHeader):
                errors.Add("Idempotency:Scope:CredentialHeader must name a header when Idempotency:Scope:Source is Credential.");
                break;
            case ScopeSource.Jwt:
                ValidateJwt(errors, scope.Jwt);
                break;
            case ScopeSource.Introspection:
                ValidateIntrospection(errors, scope.Introspection);
                break;
            case ScopeSource.Header when string.IsNullOrWhiteSpace(scope.Header.Name):
                errors.Add("Idempotency:Scope:Header:Name must name the header that carries the organization when Idempotency:Scope:Source is Header.");
                break;
            case ScopeSource.Claim when string.IsNullOrWhiteSpace(scope.ClaimType):
                errors.Add("Idempotency:Scope:ClaimType must name the claim of the signed-in user that carries the organization when Idempotency:Scope:Source is Claim.");
                break;
            case ScopeSource.Header when !scope.Header.Trusted:
                errors.Add($"Idempotency:Scope:Header:Trusted must be true when Idempotency:Scope:Source is Header. Any caller who reaches the "
                    + $"gateway can set {scope.Header.Name}, and a replay skips the backend's authorization, so a spoofed header would hand one "
                    + "organization's responses to another. Set Trusted only when an authenticating proxy is the only way to the gateway and "
                    + "it overwrites that header on every request; otherwise use Jwt or Introspection.");
                break;
        }
    }

    private static void ValidateJwt(List<string> errors, JwtScopeOptions jwt)
    {
        const string Path = "Idempotency:Scope:Jwt";
        if (string.IsNullOrEmpty(jwt.SigningKey) && string.IsNullOrWhiteSpace(jwt.Authority))
        {
            errors.Add($"{Path}:SigningKey (an HS256 shared secret) or {Path}:Authority (an OpenID Connect issuer) is required when Idempotency:Scope:Source is Jwt.");
        }

        if (!string.IsNullOrEmpty(jwt.SigningKey) && Encoding.UTF8.GetByteCount(jwt.SigningKey) < JwtScopeOptions.MinSigningKeyBytes)
        {
            errors.Add($"{Path}:SigningKey must be at least {JwtScopeOptions.MinSigningKeyBytes} bytes for HS256.");
        }

        if (DemoSigningKey.IsUsedBy(jwt) && !jwt.AllowDemoSigningKey)
        {
            errors.Add($"{Path}:SigningKey is the sample's published demo key: anyone can mint tokens with it and receive any organization's replays. "
                + $"Set a secret of your own, or, for a demo only, set {Path}:AllowDemoSigningKey to true.");
        }

        if (!string.IsNullOrEmpty(jwt.SigningKey) && !string.IsNullOrWhiteSpace(jwt.Authority))
        {
            errors.Add($"{Path}:SigningKey and {Path}:Authority are both set; set one. With both, tokens signed with the shared secret would be "
                + "accepted beside the identity provider's, so the secret would bypass the provider.");
        }

        if (!string.IsNullOrWhiteSpace(jwt.Authority) && !Uri.TryCreate(jwt.Authority, UriKind.Absolute, out _))
        {
            errors.Add($"{Path}:Authority must be an absolute URL (was '{jwt.Authority}').");
        }

        if (!string.IsNullOrWhiteSpace(jwt.Authority) && string.IsNullOrWhiteSpace(jwt.Audience))
        {
            errors.Add($"{Path}:Audience is required with {Path}:Authority, so tokens the provider issues for other APIs do not count here.");
        }

        if (string.IsNullOrWhiteSpace(jwt.OrganizationClaim))
        {
            errors.Add($"{Path}:OrganizationClaim must name a claim.");
        }
    }

    private static void ValidateIntrospection(List<string> errors, IntrospectionScopeOptions introspection)
    {
        const string Path = "Idempotency:Scope:Introspection";
        if (introspection.Endpoint is not { IsAbsoluteUri: true })
        {
            errors.Add($"{Path}:Endpoint must be an absolute URL when Idempotency:Scope:Source is Introspection.");
        }

        if (!introspection.Method.Equals("GET", StringComparison.OrdinalIgnoreCase) && !introspection.Method.Equals("POST", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add($"{Path}:Method must be GET or POST (was '{introspection.Method}').");
        }

        if (string.IsNullOrWhiteSpace(introspection.CredentialHeader))
        {
            errors.Add($"{Path}:CredentialHeader must name a header.");
        }

        if (!JsonFieldPath.IsValid(introspection.OrganizationPath))
        {
            errors.Add($"{Path}:OrganizationPath must be a dotted JSON path, e.g. organization.id (was '{introspection.OrganizationPath}').");
        }

        RequireAtLeastOne(errors, $"{Path}:CacheSize", introspection.CacheSize);
        RequireAtLeastOne(errors, $"{Path}:MaxConcurrentCalls", introspection.MaxConcurrentCalls);
        RequirePositive(errors, $"{Path}:CacheDuration", introspection.CacheDuration);
        RequirePositive(errors, $"{Path}:NegativeCacheDuration", introspection.NegativeCacheDuration);
        RequirePositive(errors, $"{Path}:Timeout", introspection.Timeout);
    }

    private static void ValidatePolicy(List<string> errors, string path, IdempotencyPolicyOptions policy)
    {
        if (string.IsNullOrWhiteSpace(policy.KeyField))
        {
            errors.Add($"{path}:KeyField must not be empty.");
        }

        RequireAtLeastOne(errors, $"{path}:MinKeyLength", policy.MinKeyLength);

        if (policy.MaxKeyLength < policy.MinKeyLength)
        {
            errors.Add($"{path}:MaxKeyLength ({policy.MaxKeyLength}) must not be less than MinKeyLength ({policy.MinKeyLength}).");
        }

        if (policy.MaxRequestBodyBytes < 1 || policy.MaxRequestBodyBytes > Array.MaxLength)
        {
            errors.Add($"{path}:MaxRequestBodyBytes must be between 1 and {Array.MaxLength} (was {policy.MaxRequestBodyBytes}).");
        }

        if (policy.MaxRecordedResponseBytes < 0)
        {
            errors.Add($"{path}:MaxRecordedResponseBytes must not be negative (was {policy.MaxRecordedResponseBytes}).");
        }

        RequirePositive(errors, $"{path}:LeaseDuration", policy.LeaseDuration);
        RequirePositive(errors, $"{path}:UpstreamTimeout", policy.UpstreamTimeout);
        RequirePositive(errors, $"{path}:RecordTtl", policy.RecordTtl);
        RequirePositive(errors, $"{path}:TombstoneTtl", policy.TombstoneTtl);
        RequirePositive(errors, $"{path}:MaxRecordAge", policy.MaxRecordAge);

        for (var i = 0; i < (policy.Resources?.Length ?? 0); i++)
        {
            var resource = policy.Resources![i];
            if (!JsonFieldPath.IsValid(resource.Id))
            {
                errors.Add($"{path}:Resources:{i}:Id must name a response field, e.g. pipeline_id or data.id (was '{resource.Id}').");
            }

            if (!resource.Path.StartsWith('/') || !resource.Path.Contains(ResourcePath.IdPlaceholder, StringComparison.Ordinal))
            {
                errors.Add($"{path}:Resources:{i}:Path must start with / and contain {ResourcePath.IdPlaceholder}, e.g. /pipelines/{{id}} (was '{resource.Path}').");
            }
        }
        if (policy.MaxWait is { } maxWait && maxWait < TimeSpan.Zero)
        {
            errors.Add($"{path}:MaxWait must not be negative (was {maxWait}).");
        }

        if (!Enum.IsDefined(policy.Guarantee))
        {
            errors.Add($"{path}:Guarantee must be AtLeastOnce or AtMostOnce (was {policy.Guarantee}).");
        }

        if (policy.Methods is { Length: 0 })
        {
            errors.Add($"{path}:Methods must list at least one method.");
        }

        if (policy.Protocol == IdempotencyProtocolKind.Mcp && (policy.Tools is not { Length: > 0 } || policy.Tools.Any(string.IsNullOrWhiteSpace)))
        {
            errors.Add($"{path}:Tools must list the mutating tools when {path}:Protocol is Mcp.");
        }

        if (policy.ResponseCache is { } cache)
        {
            if (cache.Fields.Length == 0 || cache.Fields.Any(string.IsNullOrWhiteSpace))
            {
                errors.Add($"{path}:ResponseCache:Fields must list the body fields that identify a request.");
            }

            RequirePositive(errors, $"{path}:ResponseCache:Ttl", cache.Ttl);
            if (policy.Protocol == IdempotencyProtocolKind.Mcp)
            {
                errors.Add($"{path}:ResponseCache applies to Rest policies only.");
            }
        }

        if (StatusCodeSet.TryParse(policy.ReleaseOnStatus ?? IdempotencyPolicy.DefaultReleaseOnStatus, out var invalid) is null)
        {
            errors.Add($"{path}:ReleaseOnStatus entry '{invalid}' is neither a status code (e.g. 503) nor a class (e.g. 4xx).");
        }
    }

    private static void RequireAtLeastOne(List<string> errors, string path, int value)
    {
        if (value < 1)
        {
            errors.Add($"{path} must be at least 1 (was {value}).");
        }
    }

    private static void RequirePositive(List<string> errors, string path, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            errors.Add($"{path} must be a positive duration such as 00:00:10 (was {value}).");
        }
    }
}
