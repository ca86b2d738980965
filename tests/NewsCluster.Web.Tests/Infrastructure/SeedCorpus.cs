using NewsCluster.Ingestion;

namespace NewsCluster.Web.Tests.Infrastructure;

/// <summary>The repository's seed articles as ingestion reads them.</summary>
public static class SeedCorpus
{
    public static string Folder { get; } = Path.Combine(RepositoryRoot(), "seeds");

    public static IReadOnlyList<ArticleDraft> Articles() =>
        new ArticleReader().ReadPath(Folder).Where(i => !i.IsRejected).Select(i => i.Article!).ToList();

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "NewsCluster.sln"))) return dir.FullName;
        throw new InvalidOperationException("NewsCluster.sln not found above " + AppContext.BaseDirectory);
    }
}
