using System.Security.Cryptography;
using System.Text;
using NewsCluster.Ingestion.Tests.Support;

namespace NewsCluster.Ingestion.Tests.Pipeline;

/// <summary>
/// A reader told not to compute content hashes (offline clustering never reads them) must give exactly the default
/// reader's items otherwise, in every format, and the default must keep hashing.
/// </summary>
public sealed class ContentHashOptionTests
{
    public static TheoryData<string, byte[]> Inputs() => new()
    {
        { "article.txt", Samples.TextBytes },
        { "page.html", Samples.HtmlBytes },
        { "news-page.html", Fixtures.Bytes("news-page.html") },
        { "gen.txt", Fixtures.Bytes(Path.Combine("golden", "gen-000000.txt")) },
        { "record.json", Encoding.UTF8.GetBytes($$"""{"title":"{{Samples.Title}}","text":"{{Samples.Body}}"}""") },
        { "records.jsonl", Encoding.UTF8.GetBytes($$"""{"text":"{{Samples.Body}}"}""" + "\n" + $$"""{"html":"<p>{{Samples.Body}}</p>"}""") },
        { "bundle.zip", ArchiveBuilder.Zip(("a.txt", Samples.TextBytes), ("b.html", Samples.HtmlBytes), ("c.pdf", [1, 2, 3])) },
        { "bundle.tar.gz", ArchiveBuilder.Gzip(ArchiveBuilder.Tar(ArchiveBuilder.TarFile("a.txt", Samples.TextBytes))) },
        { "empty.txt", [] },
        { "binary.txt", [0, 1, 2, 3, 0, 0, 7] },
    };

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Skipping_the_hash_changes_nothing_but_the_hash(string name, byte[] content)
    {
        var hashed = Read(new ArticleReader(), name, content);
        var unhashed = Read(new ArticleReader { ComputeContentHash = false }, name, content);

        hashed.Should().NotBeEmpty();
        unhashed.Should().HaveSameCount(hashed);
        for (var i = 0; i < hashed.Count; i++)
        {
            var expected = hashed[i].Article is { } article ? hashed[i] with { Article = article with { ContentHash = "" } } : hashed[i];
            unhashed[i].Should().Be(expected);
        }
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void By_default_every_article_carries_the_SHA256_of_its_text(string name, byte[] content)
    {
        var items = Read(new ArticleReader(), name, content);

        foreach (var article in items.Select(i => i.Article).OfType<ArticleDraft>())
            article.ContentHash.Should().Be(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(article.Text))));
    }

    [Fact]
    public void Reading_a_path_honours_the_option_too()
    {
        var folder = Directory.CreateTempSubdirectory("newscluster-hash-");
        try
        {
            File.WriteAllBytes(Path.Combine(folder.FullName, "a.txt"), Samples.TextBytes);
            File.WriteAllBytes(Path.Combine(folder.FullName, "b.html"), Samples.HtmlBytes);

            var hashed = new ArticleReader().ReadPath(folder.FullName).ToList();
            var unhashed = new ArticleReader { ComputeContentHash = false }.ReadPath(folder.FullName).ToList();

            hashed.Select(i => i.Article!.ContentHash).Should().AllSatisfy(hash => hash.Should().MatchRegex("^[0-9a-f]{64}$"));
            unhashed.Select(i => i.Article!.ContentHash).Should().AllBe("");
            unhashed.Select(i => i.Article!.Text).Should().Equal(hashed.Select(i => i.Article!.Text));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static List<ParsedItem> Read(ArticleReader reader, string name, byte[] content)
    {
        using var stream = new MemoryStream(content, writable: false);
        return reader.Read(name, stream).ToList();
    }
}
