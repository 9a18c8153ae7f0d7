using WhetGateway.Tests.Shapes;

namespace WhetGateway.Tests.Gateway;

/// <summary>Caller isolation behind the gateway, on the embedded in-memory store.</summary>
public sealed class InMemoryScopeIsolationTests : ScopeIsolationSpec
{
    protected override IApiShape Shape { get; } = new GatewayShape();
}
