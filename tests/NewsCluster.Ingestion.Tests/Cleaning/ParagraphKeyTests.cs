using System.Text;
using NewsCluster.Ingestion.Cleaning;

namespace NewsCluster.Ingestion.Tests.Cleaning;

/// <summary>The string-free paths of paragraph keys (summary, key set) must answer exactly as comparing key strings would.</summary>
public sealed class ParagraphKeyTests
{
    private const string Alphabet = "abcXYZ019 .,;'\"-_*éÉßİ’“—\u00A0\U0001D400\U0001F600";

    [Fact]
    public void The_summary_is_the_length_and_character_sum_of_the_key()
    {
        var random = new Random(7);
        for (var n = 0; n < 2000; n++)
        {
            var text = RandomText(random, random.Next(0, 300), asciiOnly: n % 2 == 0);
            var key = ParagraphKey.Of(text);
            ParagraphKey.Summarize(text).Should().Be(new KeySummary(key.Length, key.Sum(c => (long)c)), "for {0}", text);
        }
    }

    [Fact]
    public void The_key_set_finds_exactly_the_keys_a_string_set_finds()
    {
        var random = new Random(11);
        var set = new ParagraphKeySet();
        for (var round = 0; round < 50; round++)
        {
            var expected = new HashSet<string>(StringComparer.Ordinal);
            var seen = new List<string>();
            for (var n = 0; n < 200; n++)
            {
                var paragraph = random.Next(4) switch
                {
                    // A repeat that differs in case and punctuation, an anagram (same summary, other key), or new text.
                    0 when seen.Count > 0 => Restyle(random, seen[random.Next(seen.Count)]),
                    1 when seen.Count > 0 => Shuffle(random, seen[random.Next(seen.Count)]),
                    _ => RandomText(random, random.Next(1, 40), asciiOnly: random.Next(3) > 0),
                };
                seen.Add(paragraph);
                var summary = ParagraphKey.Summarize(paragraph);
                if (summary.Length == 0) continue;
                set.Add(paragraph.AsMemory(), summary).Should().Be(expected.Add(ParagraphKey.Of(paragraph)), "for {0}", paragraph);
            }
            set.Clear();
        }
    }

    private static string RandomText(Random random, int length, bool asciiOnly)
    {
        var runes = Alphabet.EnumerateRunes().Where(r => !asciiOnly || r.IsAscii).ToArray();
        var text = new StringBuilder();
        while (text.Length < length) text.Append(runes[random.Next(runes.Length)].ToString());
        return text.ToString();
    }

    private static string Restyle(Random random, string text) =>
        string.Concat(text.Select(c => random.Next(3) == 0 ? char.ToUpperInvariant(c).ToString() : c == ' ' ? " * " : c.ToString()));

    private static string Shuffle(Random random, string text)
    {
        var runes = text.EnumerateRunes().ToArray();
        random.Shuffle(runes);
        return string.Concat(runes.Select(r => r.ToString()));
    }
}
