using NewsCluster.Ingestion.Cleaning;

namespace NewsCluster.Ingestion.Tests.Cleaning;

/// <summary>Lines out of normal form take the stretch-copying path of the normaliser; spacing must come out as one space.</summary>
public sealed class TextNormalizerTests
{
    [Theory]
    [InlineData("  \u201CHello\u201D  world  ", "\"Hello\" world")]
    [InlineData("a\u2019 b", "a' b")]
    [InlineData("a \u2019 b", "a ' b")]
    [InlineData("\u201C a\u201D", "\" a\"")]
    [InlineData("x `y`\u00A0 z", "x 'y' z")]
    [InlineData(" \u2013a  b\u200B c ", "\u2014a b c")]
    [InlineData("tab\there \u00E9t\u00E9 ", "tab here \u00E9t\u00E9")]
    [InlineData("\u00E9", "\u00E9")]
    [InlineData("ab \u00E9", "ab \u00E9")]
    [InlineData("\u200B \u200B", "")]
    [InlineData("one  two", "one two")]
    public void Out_of_form_text_is_mapped_and_its_spaces_collapsed(string text, string expected) =>
        TextNormalizer.NormalizeInline(text).Should().Be(expected);

    [Fact]
    public void Lines_split_at_every_break_form_and_keep_blank_lines()
    {
        var lines = TextNormalizer.NormalizeLines("a\r\n\rb  c\n\u2019d\r\r\n").Select(line => line.ToString());
        lines.Should().Equal("a", "", "b c", "'d", "", "");
    }
}
