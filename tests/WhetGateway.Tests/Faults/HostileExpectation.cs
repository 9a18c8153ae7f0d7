namespace WhetGateway.Tests.Faults;

/// <summary>What the gateway must do with a <see cref="HostileCase"/>, on top of never answering 5xx.</summary>
public enum HostileExpectation
{
    /// <summary>The key (or the body carrying it, or its framing) is invalid: a 4xx, and nothing reaches the upstream.</summary>
    Refused,

    /// <summary>Nothing to refuse on the gateway's side (no key, or a valid one): any answer below 500 will do.</summary>
    Answered,
}
