using Microsoft.AspNetCore.Http;
using WhetGateway.Idempotency.Responses;

namespace WhetGateway.Tests.Idempotency;

public sealed class RecordedHeadersTests
{
    [Theory]
    [InlineData("Set-Cookie")]
    [InlineData("WWW-Authenticate")]
    [InlineData("Authentication-Info")]
    [InlineData("Proxy-Authentication-Info")]
    [InlineData("Clear-Site-Data")]
    [InlineData("www-authenticate")]
    public void A_per_user_authentication_or_session_header_is_never_recorded_even_when_the_policy_excludes_nothing(string name)
    {
        var headers = new HeaderDictionary { [name] = "secret", ["Location"] = "/pipelines/p1" };

        var recorded = RecordedHeaders.Capture(headers, new HashSet<string>());

        Assert.Equal(["Location"], recorded.Select(header => header.Name));
    }
}
