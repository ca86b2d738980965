using Microsoft.EntityFrameworkCore;
using NewsCluster.Engine.Clustering;
using NewsCluster.Engine.Fingerprints;
using NewsCluster.Web.Data;

namespace NewsCluster.Web.Clustering;

/// <summary>
/// The app's one live story index (engine <see cref="StoryIndex"/>), loaded from the stored fingerprints, links and
/// locks at start and kept in step by imports and editor actions.
/// </summary>
public sealed class StoryIndexHolder(ILogger<StoryIndexHolder> logger)
{
    public ClusteringOptions Options { get; } = new();

    public StoryIndex Index { get; private set; } = new();

    public FingerprintBuilder NewFingerprintBuilder() => new(Options.Fingerprint);

    /// <summary>Builds a fresh index from the database and swaps it in.</summary>
    public async Task LoadAsync(NewsDbContext db, CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var index = new StoryIndex(Options);
        var builder = NewFingerprintBuilder();
        var articles = new List<IndexedArticle>();
        var rows = db.Articles.AsNoTracking()
            .Select(a => new { a.Id, a.ClusterId, a.Fingerprint, a.PublishedUtc, a.Title, a.Text })
            .AsAsyncEnumerable();
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            // Text is only read for articles stored before fingerprints were kept; EF reads the columns anyway, so
            // a later version can select the text conditionally if that ever matters.
            var fingerprint = row.Fingerprint is { Length: > 0 } bytes ? ArticleFingerprint.FromBytes(bytes) : builder.Build(row.Title, row.Text);
            articles.Add(new IndexedArticle(row.Id, row.ClusterId, fingerprint, Utc(row.PublishedUtc)));
        }
        index.Load(articles);
        foreach (var link in await db.Links.AsNoTracking().ToListAsync(cancellationToken))
        {
            if (link.Kind == LinkKind.MustLink) index.AddMustLink(link.ArticleA, link.ArticleB);
            else index.AddCannotLink(link.ArticleA, link.ArticleB);
        }
        foreach (var id in await db.Clusters.Where(c => c.IsLocked).Select(c => c.Id).ToListAsync(cancellationToken))
            index.SetLocked(id, true);
        Index = index;
        logger.LogInformation("Story index loaded: {Articles} articles in {Clusters} clusters in {Seconds:0.00} s",
            index.ArticleCount, index.ClusterCount, started.Elapsed.TotalSeconds);
    }

    internal static DateTimeOffset? Utc(DateTime? value) =>
        value is { } v ? new DateTimeOffset(DateTime.SpecifyKind(v, DateTimeKind.Utc)) : null;
}
