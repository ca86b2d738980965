using NewsCluster.Engine.Hashing;
using NewsCluster.Engine.Text;

namespace NewsCluster.Engine.Tests.Text;

public sealed class AsciiTokenizerTests
{
    [Fact]
    public void The_ascii_path_gives_the_general_path_tokens_hashes_and_line_key()
    {
        var random = new Random(7);
        // Letters of both cases, digits, ASCII punctuation and non-ASCII separators (dashes, quotes, no-break space).
        const string alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789          .,;:'\"-()[]@`{|}~\t\u2014\u201C\u201D\u00A0\u2019";
        for (var trial = 0; trial < 3000; trial++)
        {
            var length = trial < 200 ? trial : random.Next(0, 400);
            // Long words too, so that folding crosses vectors and runs into the end of the text.
            var wordy = trial % 3 == 0;
            var text = new string(Enumerable.Range(0, length).Select(_ => wordy && random.Next(10) > 0 ? (char)('a' + random.Next(3)) : alphabet[random.Next(alphabet.Length)]).ToArray());
            Tokenizer.IsAsciiTokenisable(text).Should().BeTrue();

            var general = new TokenBuffer();
            general.AddToken(0, 0, TokenKind.Word); // something before the text, as in the builder's buffer
            Tokenizer.Tokenize(text, general);
            var ascii = new TokenBuffer();
            ascii.AddToken(0, 0, TokenKind.Word);
            var key = Tokenizer.TokenizeAscii(text, ascii);

            ascii.Count.Should().Be(general.Count, "\"{0}\"", text);
            ascii.Chars.ToString().Should().Be(general.Chars.ToString());
            ascii.Tokens.ToArray().Should().Equal(general.Tokens.ToArray());
            key.Should().Be(ArticleText.LineKey(text), "line key of \"{0}\"", text);
            for (var t = 1; t < ascii.Count; t++) ascii.Hashes[t].Should().Be(StableHash.HashToken(general[t]));
        }
    }
}
