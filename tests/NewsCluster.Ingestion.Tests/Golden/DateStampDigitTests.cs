using NewsCluster.Ingestion.Tests.Support;

namespace NewsCluster.Ingestion.Tests.Golden;

/// <summary>The digit pre-check before the date-stamp patterns must accept every digit <c>\d</c> does, not only ASCII ones.</summary>
public sealed class DateStampDigitTests
{
    private const string Body = "The central library will stay open until midnight from Monday, the council said, after students asked for more quiet space.";

    [Theory]
    [InlineData("July \u0661\u0665, \u0662\u0660\u0662\u0665")]
    [InlineData("\u0967\u096B July \u0968\u0966\u0968\u096B")]
    [InlineData("July 15, 2025")]
    public void A_date_stamp_line_in_any_decimal_digits_is_removed_from_the_body(string stamp)
    {
        var article = Reading.Article("a.txt", $"Library Hours Extended\n{stamp}\n{Body}\n");
        article.Text.Should().Be(Body);
    }

    [Fact]
    public void A_short_line_without_digits_stays()
    {
        var article = Reading.Article("a.txt", $"Library Hours Extended\nJuly and August.\n{Body}\n");
        article.Text.Should().Contain("July and August.");
    }
}
