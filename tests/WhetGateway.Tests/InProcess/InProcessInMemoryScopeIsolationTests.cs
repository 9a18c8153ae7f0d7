using WhetGateway.Tests.Gateway;
using WhetGateway.Tests.Shapes;

namespace WhetGateway.Tests.InProcess;

/// <summary>Caller isolation with the middleware in the sample API's own app, on the embedded in-memory store.</summary>
public sealed class InProcessInMemoryScopeIsolationTests : ScopeIsolationSpec
{
    protected override IApiShape Shape { get; } = new InProcessShape();
}
