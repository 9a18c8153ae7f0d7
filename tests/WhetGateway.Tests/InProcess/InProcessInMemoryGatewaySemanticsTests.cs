using WhetGateway.Tests.Gateway;
using WhetGateway.Tests.Shapes;

namespace WhetGateway.Tests.InProcess;

/// <summary>The client-facing contract with the middleware in the sample API's own app, on the embedded in-memory store.</summary>
public sealed class InProcessInMemoryGatewaySemanticsTests : GatewaySemanticsSpec
{
    protected override IApiShape Shape { get; } = new InProcessShape();
}
