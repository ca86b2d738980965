using System.Diagnostics;
using System.Text;
using NewsCluster.Ingestion.Tests.Support;

namespace NewsCluster.Ingestion.Tests.Fuzz;

/// <summary>
/// Mutates the seeds and fixtures (truncation, byte flips, inserted NULs, tags and JSON punctuation) with a fixed
/// random seed, so every run tries the same few thousand hostile inputs, and checks the reader's contract on each:
/// no exception, every rejection with a known keyword, every article with text and a hash.
/// </summary>
public sealed class MutationFuzzTests
{
    private const int Cases = 10_000;
    private static readonly byte[][] Insertions =
        ["\0"u8.ToArray(), "<div>"u8.ToArray(), "</p>"u8.ToArray(), "<script>"u8.ToArray(), "<!--"u8.ToArray(), "{"u8.ToArray(), "\""u8.ToArray(),
         "\n\n"u8.ToArray(), "../"u8.ToArray(), [0xC3], [0xFF, 0xFE], "<title>"u8.ToArray(), "]"u8.ToArray(), "WARC/1.0\r\n"u8.ToArray()];

    [Fact]
    public void Thousands_of_mutated_inputs_never_escape_as_exceptions_and_always_get_a_known_outcome()
    {
        var corpus = Corpus();
        var random = new Random(20250715);
        var reader = new ArticleReader(new IngestionLimits { MaxEntryBytes = 1024 * 1024, MaxFileBytes = 8 * 1024 * 1024 });
        var clock = Stopwatch.StartNew();
        var outcomes = new Dictionary<string, int>();
        for (var i = 0; i < Cases; i++)
        {
            var (name, original) = corpus[random.Next(corpus.Count)];
            var mutated = Mutate(original, random);
            using var stream = new MemoryStream(mutated);
            foreach (var item in reader.Read(name, stream).ToList())
            {
                CheckContract(item, name);
                var outcome = item.RejectionKeyword ?? "ingested";
                outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
            }
        }
        outcomes.Should().ContainKey("ingested").And.HaveCountGreaterThan(3, "the mutations should exercise several refusal paths");
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(30));
    }

    private static void CheckContract(ParsedItem item, string name)
    {
        if (item.IsRejected)
        {
            RejectionKeywords.All.Should().Contain(RejectionKeywords.Of(item.RejectionReason!), $"'{item.RejectionReason}' for {name}");
            return;
        }
        item.Article!.Text.Should().NotBeNullOrWhiteSpace();
        item.Article.ContentHash.Should().HaveLength(64);
    }

    private static byte[] Mutate(byte[] original, Random random)
    {
        var bytes = original.ToList();
        var mutations = random.Next(1, 6);
        for (var m = 0; m < mutations && bytes.Count > 0; m++)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(4))
            {
                case 0: bytes.RemoveRange(at, bytes.Count - at); break;
                case 1: bytes[at] = (byte)random.Next(256); break;
                case 2: bytes.InsertRange(at, Enumerable.Repeat((byte)0, random.Next(1, 4))); break;
                default: bytes.InsertRange(at, Insertions[random.Next(Insertions.Length)]); break;
            }
        }
        return bytes.ToArray();
    }

    private static List<(string Name, byte[] Content)> Corpus()
    {
        var seeds = Seeds.Files.Select(f => (Path.GetFileName(f), File.ReadAllBytes(f))).ToList();
        var json = Encoding.UTF8.GetBytes($$"""[{"title":"Json Story Title","text":"{{Samples.Body}}","date":"2024-01-02"},{"html":"<p>{{Samples.Body}}</p>"}]""");
        var jsonLines = Encoding.UTF8.GetBytes($$"""{"title":"Line One Title","text":"{{Samples.Body}}"}""" + "\n" + $$"""{"title":"Line Two Title","body":"{{Samples.Body}}"}""");
        var zip = ArchiveBuilder.Zip(seeds.Take(2).ToArray());
        var tarGz = ArchiveBuilder.Gzip(ArchiveBuilder.Tar(ArchiveBuilder.TarFile("a.txt", Samples.TextBytes), ArchiveBuilder.TarFile("b.html", Samples.HtmlBytes)));
        var warc = ArchiveBuilder.Warc(("https://x.example/a", "HTTP/1.1 200 OK\nContent-Type: text/html", Samples.HtmlBytes));
        return [.. seeds, ("page.html", Fixtures.Bytes("news-page.html")), ("dump.json", json), ("dump.jsonl", jsonLines),
            ("seeds.zip", zip), ("site.tar.gz", tarGz), ("crawl.warc", warc), ("crawl.warc.gz", ArchiveBuilder.Gzip(warc)), ("noext", Samples.TextBytes)];
    }
}
