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

    /// <summary>
    /// The line scan checks sixteen characters at a time against the next sixteen: every line must still come out as
    /// normalising it alone does, whichever block a doubled space, a backtick, an edge space or a break falls in.
    /// </summary>
    [Fact]
    public void Lines_normalise_as_each_line_alone_wherever_the_special_characters_fall()
    {
        var random = new Random(31);
        string[] pieces = ["word", "a", " ", "  ", "`", "\t", "\u2019", "\u00E9", "~", "\u007F", "\u0001", "\n", "\r\n", "\r", "\n\n"];
        for (var round = 0; round < 2000; round++)
        {
            var text = string.Concat(Enumerable.Range(0, random.Next(1, 60)).Select(_ => pieces[random.Next(pieces.Length)]));
            var expected = text.Split(["\r\n", "\r", "\n"], StringSplitOptions.None).Select(TextNormalizer.NormalizeInline);
            TextNormalizer.NormalizeLines(text).Select(line => line.ToString()).Should().Equal(expected, "the text was {0}", text);
        }
    }
}
