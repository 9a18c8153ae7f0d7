using Microsoft.Extensions.Options;
using WhetGateway.Idempotency;

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
        if (options.Scope.Source == ScopeSource.Credential && string.IsNullOrWhiteSpace(options.Scope.CredentialHeader))
        {
            errors.Add("Idempotency:Scope:CredentialHeader must name a header when Idempotency:Scope:Source is Credential.");
        }

        foreach (var (policyName, policy) in options.Policies)
        {
            ValidatePolicy(errors, $"Idempotency:Policies:{policyName}", policy);
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void ValidatePolicy(List<string> errors, string path, IdempotencyPolicyOptions policy)
    {
        if (string.IsNullOrWhiteSpace(policy.KeyField))
        {
            errors.Add($"{path}:KeyField must not be empty.");
        }

        if (policy.MinKeyLength < 1)
        {
            errors.Add($"{path}:MinKeyLength must be at least 1 (was {policy.MinKeyLength}).");
        }

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
        if (policy.MaxWait is { } maxWait && maxWait < TimeSpan.Zero)
        {
            errors.Add($"{path}:MaxWait must not be negative (was {maxWait}).");
        }

        if (policy.Methods is { Length: 0 })
        {
            errors.Add($"{path}:Methods must list at least one method.");
        }

        if (StatusCodeSet.TryParse(policy.ReleaseOnStatus ?? IdempotencyPolicy.DefaultReleaseOnStatus, out var invalid) is null)
        {
            errors.Add($"{path}:ReleaseOnStatus entry '{invalid}' is neither a status code (e.g. 503) nor a class (e.g. 4xx).");
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
