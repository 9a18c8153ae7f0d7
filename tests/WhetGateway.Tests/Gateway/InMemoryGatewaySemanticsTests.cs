using WhetGateway.Tests.Shapes;

namespace WhetGateway.Tests.Gateway;

/// <summary>The client-facing contract on the embedded in-memory store.</summary>
public sealed class InMemoryGatewaySemanticsTests : GatewaySemanticsSpec
{
    protected override IApiShape Shape { get; } = new GatewayShape();
}
