namespace WhetGateway.Idempotency;

/// <summary>Runs the controller or action under the named idempotency policy.</summary>
/// <param name="policyName">The name of a policy under <c>Idempotency:Policies</c>.</param>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
public sealed class IdempotentAttribute(string policyName) : Attribute, IIdempotencyPolicyMetadata
{
    /// <inheritdoc/>
    public string PolicyName { get; } = !string.IsNullOrWhiteSpace(policyName) ? policyName : throw new ArgumentException("A policy name is required.", nameof(policyName));
}
