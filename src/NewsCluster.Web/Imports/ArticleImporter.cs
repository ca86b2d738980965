using Microsoft.EntityFrameworkCore;
using NewsCluster.Ingestion;
using NewsCluster.Web.Clustering;
using NewsCluster.Web.Data;

namespace NewsCluster.Web.Imports;

/// <summary>Outcome counts of one import run.</summary>
public sealed record ImportTally(int Ingested, int Duplicates, int Rejected);

/// <summary>Stores parsed articles (skipping exact duplicates) and has them clustered.</summary>
public sealed class ArticleImporter(NewsDbContext db, StoryClusteringService clustering, TimeProvider clock)
{
    public Task<ImportTally> ImportPathAsync(string path, CancellationToken cancellationToken) =>
        ImportAsync(new ArticleReader().ReadPath(path), cancellationToken);

    public async Task<ImportTally> ImportAsync(IEnumerable<ParsedItem> items, CancellationToken cancellationToken)
    {
        int ingested = 0, duplicates = 0, rejected = 0;
        var seenHashes = new HashSet<string>(StringComparer.Ordinal);
        var fresh = new List<Article>();
        foreach (var item in items)
        {
            if (item.Article is not { } draft)
            {
                rejected++;
                continue;
            }
            var hash = ContentHashOf(draft);
            if (!seenHashes.Add(hash) || await db.Articles.AnyAsync(a => a.ContentHash == hash, cancellationToken))
            {
                duplicates++;
                continue;
            }
            fresh.Add(ToArticle(item.Path, draft));
            ingested++;
        }
        if (fresh.Count > 0) await clustering.AddAsync(fresh, cancellationToken);
        return new ImportTally(ingested, duplicates, rejected);
    }

    private Article ToArticle(string path, ArticleDraft draft) => new()
    {
        Title = draft.Title,
        PublishedUtc = draft.Published?.UtcDateTime,
        ImportedUtc = clock.GetUtcNow().UtcDateTime,
        Byline = draft.Byline,
        Source = draft.Source,
        Url = draft.Url,
        Language = draft.Language,
        OriginPath = path,
        Text = draft.Text,
        RawText = draft.RawText,
        ContentHash = ContentHashOf(draft),
    };

    // Interim until ingestion supplies ArticleDraft.ContentHash.
    private static string ContentHashOf(ArticleDraft draft) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(draft.Text)));
}
