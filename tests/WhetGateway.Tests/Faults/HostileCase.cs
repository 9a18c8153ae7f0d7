namespace WhetGateway.Tests.Faults;

/// <summary>One raw request of the hostile-input corpus and what the gateway must make of it.</summary>
/// <param name="HalfClose">Whether the client shuts its sending side after the bytes, as one that sent all it will.</param>
public sealed record HostileCase(string Name, byte[] Request, HostileExpectation Expectation, bool HalfClose = false)
{
    public override string ToString() => Name;
}
