using WhetGateway.Idempotency;

namespace WhetGateway.Tests.Idempotency;

public sealed class StatusCodeSetTests
{
    [Theory]
    [InlineData(400, true)]
    [InlineData(451, true)]
    [InlineData(499, true)]
    [InlineData(399, false)]
    [InlineData(500, false)]
    public void A_class_holds_every_code_of_its_hundred_and_no_other(int statusCode, bool expected)
    {
        Assert.Equal(expected, Parse("4xx").Contains(statusCode));
    }

    [Theory]
    [InlineData(503, true)]
    [InlineData(502, false)]
    [InlineData(504, false)]
    public void A_code_holds_only_itself(int statusCode, bool expected)
    {
        Assert.Equal(expected, Parse("503").Contains(statusCode));
    }

    [Fact]
    public void Entries_are_trimmed_and_classes_are_case_insensitive()
    {
        var set = Parse(" 502 ", "5XX ");

        Assert.True(set.Contains(502));
        Assert.True(set.Contains(599));
        Assert.False(set.Contains(404));
    }

    [Fact]
    public void An_empty_list_holds_nothing()
    {
        var set = Parse();

        Assert.DoesNotContain(Enumerable.Range(0, 600), set.Contains);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(600)]
    [InlineData(int.MaxValue)]
    public void A_number_outside_the_status_range_is_never_held(int statusCode)
    {
        Assert.False(Parse("1xx", "2xx", "3xx", "4xx", "5xx").Contains(statusCode));
    }

    [Theory]
    [InlineData("6xx")]
    [InlineData("0xx")]
    [InlineData("4x")]
    [InlineData("4xxx")]
    [InlineData("99")]
    [InlineData("600")]
    [InlineData("+503")]
    [InlineData("5 03")]
    [InlineData("abc")]
    [InlineData("")]
    public void An_entry_that_is_neither_a_code_nor_a_class_is_reported(string entry)
    {
        var set = StatusCodeSet.TryParse(["503", entry, "bad"], out var invalid);

        Assert.Null(set);
        Assert.Equal(entry, invalid);
    }

    private static StatusCodeSet Parse(params string[] entries)
    {
        var set = StatusCodeSet.TryParse(entries, out var invalid);
        Assert.Null(invalid);
        return Assert.IsType<StatusCodeSet>(set);
    }
}
