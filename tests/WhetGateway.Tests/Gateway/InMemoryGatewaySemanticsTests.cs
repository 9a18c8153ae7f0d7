namespace WhetGateway.Tests.Gateway;

/// <summary>The client-facing contract on the embedded in-memory store.</summary>
public sealed class InMemoryGatewaySemanticsTests : GatewaySemanticsSpec;
