namespace WhetGateway.Idempotency;

/// <summary>
/// Endpoint metadata naming the idempotency policy an endpoint runs under. The idempotency middleware reads it from
/// the matched endpoint; <see cref="IdempotentAttribute"/> and <c>WithIdempotency</c> add it.
/// </summary>
public interface IIdempotencyPolicyMetadata
{
    /// <summary>The name of a policy under <c>Idempotency:Policies</c>.</summary>
    string PolicyName { get; }
}
