using WhetGateway.Tests.Shapes;

namespace WhetGateway.Tests.Gateway;

/// <summary>Record lifetime on the embedded in-memory store.</summary>
public sealed class InMemoryResourceLifetimeTests : ResourceLifetimeSpec
{
    protected override IApiShape Shape { get; } = new GatewayShape();
}
