using Microsoft.EntityFrameworkCore;
using NewsCluster.Web.Data;

namespace NewsCluster.Web.Stories;

/// <summary>Read-only JSON over stories and articles.</summary>
public static class StoryEndpoints
{
    public sealed record ClusterSummaryDto(long Id, string Headline, int ArticleCount, int SourceCount, DateTime FirstSeenUtc, DateTime LastSeenUtc, int Version);

    public sealed record ClusterPageDto(int Page, int PageSize, int Total, IReadOnlyList<ClusterSummaryDto> Clusters);

    public sealed record ClusterArticleDto(long Id, string Title, DateTime? PublishedUtc, string? Source, string? Url, double Similarity);

    public sealed record ClusterDto(long Id, string Headline, int ArticleCount, int SourceCount, DateTime FirstSeenUtc, DateTime LastSeenUtc, int Version,
        IReadOnlyList<ClusterArticleDto> Articles);

    public sealed record ArticleDto(long Id, string Title, DateTime? PublishedUtc, string? Byline, string? Source, string? Url, string? Language,
        string Text, string RawText, string ContentHash, long ClusterId, string OriginPath, DateTime ImportedUtc);

    public static void MapStoryApi(this WebApplication app)
    {
        app.MapGet("/api/clusters", ListClustersAsync).WithTags("Stories")
            .WithSummary("Story clusters, 50 a page: q searches article titles and text (all words), sort=recent|size, suspect=true for clusters near the threshold.");
        app.MapGet("/api/clusters/{id:long}", GetClusterAsync).WithTags("Stories")
            .WithSummary("One story cluster with its articles.")
            .Produces<ClusterDto>().ProducesProblem(StatusCodes.Status404NotFound);
        app.MapGet("/api/articles/{id:long}", GetArticleAsync).WithTags("Articles")
            .WithSummary("One stored article: metadata, cleaned and raw text, content hash and cluster id.")
            .Produces<ArticleDto>().ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<ClusterPageDto> ListClustersAsync(StoryQueries queries, string? q, int? page, string? sort, bool? suspect,
        CancellationToken cancellationToken)
    {
        var result = await queries.ListAsync(new StoryFilter(q, ParseSort(sort), suspect ?? false, page ?? 1), cancellationToken);
        return new ClusterPageDto(result.Page, result.PageSize, result.Total, result.Rows
            .Select(c => new ClusterSummaryDto(c.Id, c.Headline, c.ArticleCount, c.SourceCount, c.FirstSeenUtc, c.LastSeenUtc, c.Version))
            .ToList());
    }

    internal static StorySort ParseSort(string? sort) => string.Equals(sort, "size", StringComparison.OrdinalIgnoreCase) ? StorySort.Size : StorySort.Recent;

    private static async Task<IResult> GetClusterAsync(long id, NewsDbContext db, CancellationToken cancellationToken)
    {
        var cluster = await db.Clusters.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (cluster is null) return Results.Problem($"Story cluster {id} does not exist.", statusCode: StatusCodes.Status404NotFound);
        var articles = await db.Articles.AsNoTracking().Where(a => a.ClusterId == id)
            .OrderBy(a => a.PublishedUtc ?? a.ImportedUtc).ThenBy(a => a.Id)
            .Select(a => new ClusterArticleDto(a.Id, a.Title, a.PublishedUtc, a.Source, a.Url, a.Similarity))
            .ToListAsync(cancellationToken);
        return Results.Ok(new ClusterDto(cluster.Id, cluster.Headline, cluster.ArticleCount, cluster.SourceCount, cluster.FirstSeenUtc,
            cluster.LastSeenUtc, cluster.Version, articles));
    }

    private static async Task<IResult> GetArticleAsync(long id, NewsDbContext db, CancellationToken cancellationToken)
    {
        var article = await db.Articles.AsNoTracking().Where(a => a.Id == id)
            .Select(a => new ArticleDto(a.Id, a.Title, a.PublishedUtc, a.Byline, a.Source, a.Url, a.Language, a.Text, a.RawText, a.ContentHash,
                a.ClusterId, a.OriginPath, a.ImportedUtc))
            .SingleOrDefaultAsync(cancellationToken);
        return article is null
            ? Results.Problem($"Article {id} does not exist.", statusCode: StatusCodes.Status404NotFound)
            : Results.Ok(article);
    }
}
