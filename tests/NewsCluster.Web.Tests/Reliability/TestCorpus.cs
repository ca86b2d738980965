using System.IO.Compression;
using System.Text;

namespace NewsCluster.Web.Tests.Reliability;

/// <summary>Small, distinct plain-text articles in a zip: enough items for several import batches.</summary>
public static class TestCorpus
{
    private static readonly string[] Syllables =
    [
        "ka", "lo", "mi", "ren", "tas", "vo", "bri", "del", "fu", "gor", "hal", "ix", "jun", "ket", "lum", "mor",
        "nal", "pe", "quo", "rus", "sil", "tor", "ul", "var", "wen", "yst", "zo", "cha", "dro", "fen",
    ];

    /// <summary>A zip with <paramref name="count"/> articles whose texts all differ (seeded, so every run is the same).</summary>
    public static byte[] DistinctArticlesZip(int count, int seed = 11)
    {
        var random = new Random(seed);
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            for (var i = 0; i < count; i++)
            {
                var entry = zip.CreateEntry($"dump/article-{i:D5}.txt", CompressionLevel.Fastest);
                using var writer = new StreamWriter(entry.Open(), new UTF8Encoding(false));
                writer.Write(Article(i, random));
            }
        }
        return buffer.ToArray();
    }

    private static string Article(int number, Random random)
    {
        var text = new StringBuilder();
        text.Append("Report ").Append(number).Append(": ").Append(Sentence(random, 6)).Append("\n\n");
        for (var paragraph = 0; paragraph < 3; paragraph++)
        {
            text.Append("Officials said the ").Append(Sentence(random, 18)).Append(" on day ").Append(number).Append(".\n\n");
        }
        return text.ToString();
    }

    /// <summary>Invented three-syllable words (27,000 of them), so articles share few terms and cluster apart.</summary>
    private static string Sentence(Random random, int words) =>
        string.Join(' ', Enumerable.Range(0, words).Select(_ =>
            Syllables[random.Next(Syllables.Length)] + Syllables[random.Next(Syllables.Length)] + Syllables[random.Next(Syllables.Length)]));
}
