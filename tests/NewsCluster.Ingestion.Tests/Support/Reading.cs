using System.Text;

namespace NewsCluster.Ingestion.Tests.Support;

/// <summary>Short ways to run the reader over in-memory content.</summary>
internal static class Reading
{
    public static List<ParsedItem> Items(string name, byte[] content, IngestionLimits? limits = null)
    {
        using var stream = new MemoryStream(content);
        return new ArticleReader(limits ?? IngestionLimits.Default).Read(name, stream).ToList();
    }

    public static List<ParsedItem> Items(string name, string content, IngestionLimits? limits = null) =>
        Items(name, Encoding.UTF8.GetBytes(content), limits);

    public static ParsedItem Single(string name, byte[] content, IngestionLimits? limits = null) => Items(name, content, limits).Should().ContainSingle().Subject;

    public static ParsedItem Single(string name, string content, IngestionLimits? limits = null) => Single(name, Encoding.UTF8.GetBytes(content), limits);

    public static ArticleDraft Article(string name, string content) => Article(name, Encoding.UTF8.GetBytes(content));

    public static ArticleDraft Article(string name, byte[] content)
    {
        var item = Single(name, content);
        item.RejectionReason.Should().BeNull();
        return item.Article!;
    }

    public static IEnumerable<string> Paragraphs(this ArticleDraft article) => article.Text.Split("\n\n");
}
