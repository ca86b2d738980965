using System.Text;
using NewsCluster.Engine.Text;

namespace NewsCluster.Engine.Tests.Text;

public sealed class WordCountTests
{
    /// <summary>The definition, one character at a time: runs between white space, or two no-space letters per word.</summary>
    private static int Reference(string line)
    {
        var words = 0;
        var noSpaceLetters = 0;
        var inWord = false;
        foreach (var c in line)
        {
            var space = c < 0x80 ? c is ' ' or (>= '\t' and <= '\r') : char.IsWhiteSpace(c);
            if (space) { inWord = false; continue; }
            if (c >= '\u2E80' && char.IsLetter(c)) noSpaceLetters++;
            if (!inWord) words++;
            inWord = true;
        }
        return Math.Max(words, noSpaceLetters / 2);
    }

    [Theory]
    [InlineData("", 0)]
    [InlineData("   ", 0)]
    [InlineData("one", 1)]
    [InlineData("  one two\tthree\r\nfour  ", 4)]
    [InlineData("a b c d e f g h i j k l m n o p q r s t u v w x y z", 26)]
    [InlineData("sixteen chars ab|next word after the chunk edge", 8)]
    [InlineData("word\u00A0joined\u2003by wide spaces", 5)]
    [InlineData("和平谈判在北京举行", 4)]
    public void Counts_white_space_separated_words(string line, int expected)
    {
        ArticleText.WordCount(line).Should().Be(expected);
        ArticleText.WordCount(line).Should().Be(Reference(line));
    }

    [Fact]
    public void Agrees_with_the_definition_on_mixed_lines_of_every_length()
    {
        var rng = new Random(2024);
        const string pieces = "ab Z9.,\t\n\r\u000B\u000C\u001F\u007F\u00A0\u2003\u3000é和平ق";
        for (var n = 0; n < 4000; n++)
        {
            var sb = new StringBuilder();
            var length = rng.Next(0, 90);
            // Mostly ASCII, so that whole vector-width chunks occur, with some other characters anywhere.
            for (var i = 0; i < length; i++)
                sb.Append(rng.Next(10) < 8 ? pieces[rng.Next(9)] : pieces[rng.Next(pieces.Length)]);
            var line = sb.ToString();
            ArticleText.WordCount(line).Should().Be(Reference(line), "for \"{0}\"", line);
        }
    }
}
