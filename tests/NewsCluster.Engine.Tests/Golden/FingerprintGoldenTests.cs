using System.Security.Cryptography;
using System.Text;
using NewsCluster.Engine.Fingerprints;

namespace NewsCluster.Engine.Tests.Golden;

/// <summary>
/// Pins the exact fingerprint bytes (<see cref="ArticleFingerprint.ToBytes"/>: both signatures, term ids and weights,
/// word count) and the analysed features of the seeds, generated articles and multi-script inputs. Stored
/// fingerprints must stay comparable with new ones, so tokenising may get faster but never different.
/// </summary>
/// <remarks>Recorded before the tokeniser's performance work; NEWSCLUSTER_WRITE_GOLDEN=1 rewrites the file.</remarks>
public sealed class FingerprintGoldenTests
{
    [Fact]
    public void Fingerprints_and_features_are_byte_identical_to_the_recorded_ones()
    {
        var builder = new FingerprintBuilder();
        var actual = Inputs().Select(x => (x.Name, Describe(builder, x.Title, x.Text))).ToList();
        var file = Path.Combine(Root(), "tests", "NewsCluster.Engine.Tests", "Golden", "fingerprints-golden.tsv");
        if (Environment.GetEnvironmentVariable("NEWSCLUSTER_WRITE_GOLDEN") == "1")
            File.WriteAllLines(file, actual.Select(a => a.Name + "\t" + a.Item2));
        var golden = File.ReadAllLines(file).Select(l => l.Split('\t')).ToDictionary(p => p[0], p => p[1]);
        golden.Should().HaveCount(actual.Count);
        actual.Where(a => golden[a.Name] != a.Item2).Select(a => a.Name).Should().BeEmpty();
    }

    private static string Describe(FingerprintBuilder builder, string title, string text)
    {
        var features = builder.Analyze(title, text, keepTermTexts: true);
        var fingerprint = builder.Sign(features);
        var sb = new StringBuilder();
        sb.Append(Convert.ToHexString(fingerprint.ToBytes())).Append('|');
        sb.AppendJoin(',', features.StoryElements).Append('|').AppendJoin(',', features.CopyShingles).Append('|').Append(features.WordCount).Append('|');
        foreach (var (id, term) in features.TermTexts!.OrderBy(p => p.Key)) sb.Append(id).Append('=').Append(term).Append(';');
        // Analysing without term texts must give the same features.
        var plain = builder.Analyze(title, text);
        plain.TermIds.Should().Equal(features.TermIds);
        plain.TermWeights.Should().Equal(features.TermWeights);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())));
    }

    private static IEnumerable<(string Name, string Title, string Text)> Inputs()
    {
        foreach (var seed in Seeds.Load()) yield return ($"seed{seed.Id}", seed.Title, seed.Text);
        var generated = Path.Combine(Root(), "tests", "NewsCluster.Ingestion.Tests", "Fixtures", "golden");
        foreach (var file in Directory.GetFiles(generated, "*.txt").Order(StringComparer.Ordinal))
        {
            var lines = File.ReadAllText(file).Split('\n');
            yield return (Path.GetFileName(file), lines[0], string.Join('\n', lines.Skip(1)));
        }
        string[] texts =
        [
            "Сегодня в Москве министры обсудили переговоры. Переговоры продолжатся в понедельник, сказал министр.",
            "قال الوزير إن المحادثات ستستمر في الأسبوع المقبل ١٢٣ وأكد أن الاتفاق قريب. الأسبوع المقبل حاسم",
            "وزیر اعظم نے کہا کہ مذاکرات اگلے ہفتے جاری رہیں گے۔ یہ بات انہوں نے پیر کو کہی۔",
            "今天在北京举行了一次重要的会议，讨论了经济发展和环境保护的问题。会议持续了三个小时。",
            "東京で会議が開かれました。参加者は三百人でした。タイ語: ภาษาไทยเป็นภาษาที่ไม่มีช่องว่าง",
            "Talks, talked, talking: indicates indicated quickly studies classes running stopped 2024 3.5 percent U.S. officials’ “quotes” — dashes",
            "Short.",
            "",
            "The the the and of a an. Stop words only? Yes: it is what it is.\nSecond line repeats.\nSecond line repeats.\n© 2025 Example. All rights reserved.",
            "Ελληνικά κείμενα με τελικό ς και Σ. Deutsch: Straße STRASSE Ärger. हिन्दी समाचार में आज की ख़बर। 𝐁𝐨𝐥𝐝 😀 emoji",
        ];
        for (var i = 0; i < texts.Length; i++) yield return ($"text{i}", i % 2 == 0 ? "Peace Talks Resume In Geneva" : "", texts[i]);
        var rng = new Random(7);
        var words = "talks minister peace ukraine russia 2025 said running studies the a of and in geneva officials percent 12 quickly".Split(' ');
        for (var i = 0; i < 40; i++)
        {
            var text = string.Join(' ', Enumerable.Range(0, rng.Next(1, 700)).Select(_ => words[rng.Next(words.Length)] + (rng.Next(12) == 0 ? ".\n" : "")));
            yield return ($"random{i}", string.Join(' ', Enumerable.Range(0, rng.Next(0, 12)).Select(_ => words[rng.Next(words.Length)])), text);
        }
    }

    private static string Root() => Path.GetDirectoryName(Seeds.Directory)!;
}
