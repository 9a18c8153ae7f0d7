namespace WhetGateway.Configuration;

/// <summary>What a policy promises when the gateway cannot know whether the upstream ran a call.</summary>
public enum DeliveryGuarantee
{
    /// <summary>Let the retry run: the call may run twice, but every key ends with an answer (the default).</summary>
    AtLeastOnce,

    /// <summary>
    /// Never run a call twice: the key becomes <c>outcome_unknown</c> and every retry answers 409, telling the client
    /// to check the resource, until an operator forgets the key. A call that provably never reached the upstream
    /// (connection refused, name or TLS failure) is still retried.
    /// </summary>
    AtMostOnce,
}
