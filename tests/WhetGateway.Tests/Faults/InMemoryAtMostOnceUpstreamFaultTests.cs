namespace WhetGateway.Tests.Faults;

/// <summary>At-most-once against upstream faults on the embedded in-memory store.</summary>
public sealed class InMemoryAtMostOnceUpstreamFaultTests : AtMostOnceUpstreamFaultSpec;
