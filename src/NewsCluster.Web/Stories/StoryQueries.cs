using System.Text;
using Microsoft.EntityFrameworkCore;
using NewsCluster.Web.Clustering;
using NewsCluster.Web.Data;

namespace NewsCluster.Web.Stories;

public enum StorySort { Recent, Size }

/// <summary>What the stories list asks for: search text, order, the suspect filter and the page.</summary>
public sealed record StoryFilter(string? Query = null, StorySort Sort = StorySort.Recent, bool SuspectOnly = false, int Page = 1);

public sealed record StoryRow(long Id, string Headline, int ArticleCount, int SourceCount, DateTime FirstSeenUtc, DateTime LastSeenUtc,
    double MinSimilarity, bool IsLocked, int Version);

public sealed record StoryPage(IReadOnlyList<StoryRow> Rows, int Total, int Page, int PageSize)
{
    public bool HasNext => Page * PageSize < Total;
}

/// <summary>The stories list for the home page and the JSON API: full-text search (SQLite FTS5), sort, suspect filter, paging.</summary>
public sealed class StoryQueries(NewsDbContext db, StoryIndexHolder index)
{
    public const int PageSize = 50;

    /// <summary>A cluster is suspect when its weakest member is this close to the joining threshold.</summary>
    public const double SuspectMargin = 0.05;

    public double SuspectBelow => index.Options.StoryThreshold + SuspectMargin;

    public async Task<StoryPage> ListAsync(StoryFilter filter, CancellationToken cancellationToken)
    {
        var page = Math.Max(1, filter.Page);
        var clusters = db.Clusters.AsNoTracking();
        var match = ToMatchExpression(filter.Query);
        if (match is not null)
        {
            clusters = db.Clusters.FromSqlInterpolated($"""
                SELECT * FROM Clusters WHERE Id IN (
                    SELECT a.ClusterId FROM ArticleSearch JOIN Articles a ON a.Id = ArticleSearch.rowid
                    WHERE ArticleSearch MATCH {match})
                """).AsNoTracking();
        }
        if (filter.SuspectOnly)
        {
            var below = SuspectBelow;
            clusters = clusters.Where(c => c.ArticleCount > 1 && c.MinSimilarity < below);
        }
        var total = await clusters.CountAsync(cancellationToken);
        var ordered = filter.Sort == StorySort.Size
            ? clusters.OrderByDescending(c => c.ArticleCount).ThenByDescending(c => c.LastSeenUtc).ThenByDescending(c => c.Id)
            : clusters.OrderByDescending(c => c.LastSeenUtc).ThenByDescending(c => c.Id);
        var rows = await ordered.Skip((page - 1) * PageSize).Take(PageSize)
            .Select(c => new StoryRow(c.Id, c.Headline, c.ArticleCount, c.SourceCount, c.FirstSeenUtc, c.LastSeenUtc, c.MinSimilarity, c.IsLocked, c.Version))
            .ToListAsync(cancellationToken);
        return new StoryPage(rows, total, page, PageSize);
    }

    /// <summary>
    /// Turns what a reader typed into an FTS5 query: every word (letters and digits, any script) must occur, as a
    /// quoted term, so FTS operators and quotes in the input cannot break or widen the query. Null when no words.
    /// </summary>
    internal static string? ToMatchExpression(string? query)
    {
        if (string.IsNullOrWhiteSpace(query)) return null;
        var terms = new List<string>();
        var word = new StringBuilder();
        foreach (var ch in query.Normalize(NormalizationForm.FormKC) + " ")
        {
            if (char.IsLetterOrDigit(ch)) { word.Append(ch); continue; }
            if (word.Length > 0) terms.Add("\"" + word + "\"");
            word.Clear();
        }
        return terms.Count == 0 ? null : string.Join(" AND ", terms.Take(16));
    }
}
