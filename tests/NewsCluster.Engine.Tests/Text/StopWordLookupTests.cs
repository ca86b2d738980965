using NewsCluster.Engine.Hashing;
using NewsCluster.Engine.Text;

namespace NewsCluster.Engine.Tests.Text;

public sealed class StopWordLookupTests
{
    [Fact]
    public void Character_comparison_agrees_with_sequence_equality_at_every_length_and_position()
    {
        var rng = new Random(99);
        const string alphabet = "abcyzéжقك和";
        for (var length = 0; length <= 20; length++)
        {
            for (var n = 0; n < 200; n++)
            {
                var word = new string(Enumerable.Range(0, length).Select(_ => alphabet[rng.Next(alphabet.Length)]).ToArray());
                StopWords.SameChars(word, word).Should().BeTrue();
                // The token sits inside a longer buffer, as in the token buffer, so loads past its end would see other text.
                var buffer = ("x" + word + "yyyyyyyyyyyyyyyyyyyy").ToCharArray();
                StopWords.SameChars(buffer.AsSpan(1, length), word).Should().BeTrue();
                if (length == 0) continue;
                var changed = buffer.AsSpan(1, length).ToArray();
                var at = rng.Next(length);
                changed[at] = changed[at] == 'a' ? 'b' : 'a';
                StopWords.SameChars(changed, word).Should().BeFalse("position {0} of \"{1}\" differs", at, word);
                StopWords.SameChars(buffer.AsSpan(1, length - 1), word).Should().BeFalse();
            }
        }
    }

    [Theory]
    [InlineData("the", true)]
    [InlineData("themselves", true)]
    [InlineData("yourselves", true)]
    [InlineData("которые", true)]
    [InlineData("theme", false)]
    [InlineData("themselvez", false)]
    [InlineData("kyiv", false)]
    public void The_hashed_lookup_agrees_with_the_set(string word, bool expected)
    {
        StopWords.Contains(word, StableHash.HashToken(word)).Should().Be(expected);
        StopWords.Contains(word.AsSpan()).Should().Be(expected);
    }

    [Fact]
    public void The_hashed_lookup_agrees_with_the_set_for_every_short_latin_word()
    {
        // Every word of up to three letters: all the short stop words, and many near misses for the filter.
        var letters = Enumerable.Range('a', 26).Select(c => ((char)c).ToString()).ToList();
        var words = letters.Concat(letters.SelectMany(a => letters, (a, b) => a + b)).ToList();
        words.AddRange(words.Where(w => w.Length == 2).SelectMany(ab => letters, (ab, c) => ab + c).ToList());
        var found = 0;
        foreach (var word in words)
        {
            var expected = StopWords.Contains(word.AsSpan());
            StopWords.Contains(word, StableHash.HashToken(word)).Should().Be(expected, "\"{0}\"", word);
            if (expected) found++;
        }
        found.Should().BeGreaterThan(50);
    }
}
