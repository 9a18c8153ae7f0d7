using System.Text;
using WhetGateway.Json;
using WhetGateway.Scoping;

namespace WhetGateway.Tests.Scoping;

public sealed class IntrospectionAnswerTests
{
    private static readonly JsonFieldPath OrganizationId = new("organization.id");

    [Fact]
    public void An_active_answer_names_the_organization_at_the_path_and_its_expiry()
    {
        var answer = Parse("""{"active":true,"organization":{"id":"org_a"},"exp":1700000000}""");

        Assert.Equal(new IntrospectionAnswer("org_a", DateTimeOffset.FromUnixTimeSeconds(1700000000)), answer);
    }

    [Fact]
    public void A_numeric_organization_id_is_named_by_its_literal()
    {
        Assert.Equal("42", Parse("""{"active":true,"organization":{"id":42}}""")?.Organization);
    }

    [Fact]
    public void An_answer_without_an_active_member_is_inactive_and_names_no_organization()
    {
        Assert.Null(Parse("""{"organization":{"id":"org_a"},"exp":1700000000}"""));
    }

    [Theory]
    [InlineData("""{"active":false,"organization":{"id":"org_a"}}""")]
    [InlineData("""{"active":"yes","organization":{"id":"org_a"}}""")]
    [InlineData("""{"active":true}""")]
    [InlineData("""{"active":true,"organization":{"id":""}}""")]
    [InlineData("""{"active":true,"organization":{"id":{"nested":"org_a"}}}""")]
    [InlineData("""["org_a"]""")]
    public void An_answer_that_is_inactive_or_names_no_usable_organization_names_none(string json)
    {
        Assert.Null(Parse(json));
    }

    private static IntrospectionAnswer? Parse(string json) => IntrospectionAnswer.Parse(Encoding.UTF8.GetBytes(json), OrganizationId);
}
