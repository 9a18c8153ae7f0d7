using WhetGateway.Tests.Gateway;
using WhetGateway.Tests.Shapes;

namespace WhetGateway.Tests.InProcess;

/// <summary>Record lifetime with the middleware in the sample API's own app, on the embedded in-memory store.</summary>
public sealed class InProcessInMemoryResourceLifetimeTests : ResourceLifetimeSpec
{
    protected override IApiShape Shape { get; } = new InProcessShape();
}
