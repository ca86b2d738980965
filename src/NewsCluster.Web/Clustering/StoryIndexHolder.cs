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
        // Read and decode in chunks: all fingerprints at once would hold a few hundred MB of blobs at the peak.
        var missing = new List<(long Id, long ClusterId, DateTime? PublishedUtc)>();
        var readSeconds = 0.0;
        const int chunkSize = 10_000;
        for (long after = 0; ; )
        {
            var chunkStarted = started.Elapsed.TotalSeconds;
            var from = after;
            var rows = await db.Articles.AsNoTracking().Where(a => a.Id > from).OrderBy(a => a.Id).Take(chunkSize)
                .Select(a => new { a.Id, a.ClusterId, a.Fingerprint, a.PublishedUtc })
                .ToListAsync(cancellationToken);
            readSeconds += started.Elapsed.TotalSeconds - chunkStarted;
            if (rows.Count == 0) break;
            var decoded = new ArticleFingerprint?[rows.Count];
            Parallel.For(0, rows.Count, i => decoded[i] = TryRead(rows[i].Fingerprint));
            for (var i = 0; i < rows.Count; i++)
            {
                var row = rows[i];
                if (decoded[i] is { } fingerprint) articles.Add(new IndexedArticle(row.Id, row.ClusterId, fingerprint, Utc(row.PublishedUtc)));
                else missing.Add((row.Id, row.ClusterId, row.PublishedUtc));
            }
            after = rows[^1].Id;
        }
        // Text is read only for articles without a usable stored fingerprint.
        foreach (var chunk in missing.Chunk(500))
        {
            var ids = chunk.Select(m => m.Id).ToList();
            var texts = await db.Articles.AsNoTracking().Where(a => ids.Contains(a.Id)).Select(a => new { a.Id, a.Title, a.Text })
                .ToDictionaryAsync(a => a.Id, cancellationToken);
            foreach (var m in chunk)
                articles.Add(new IndexedArticle(m.Id, m.ClusterId, builder.Build(texts[m.Id].Title, texts[m.Id].Text), Utc(m.PublishedUtc)));
        }
        var decodeSeconds = started.Elapsed.TotalSeconds - readSeconds;
        var loadStarted = started.Elapsed.TotalSeconds;
        index.Load(articles);
        var loadSeconds = started.Elapsed.TotalSeconds - loadStarted;
        foreach (var link in await db.Links.AsNoTracking().ToListAsync(cancellationToken))
        {
            if (link.Kind == LinkKind.MustLink) index.AddMustLink(link.ArticleA, link.ArticleB);
            else index.AddCannotLink(link.ArticleA, link.ArticleB);
        }
        foreach (var id in await db.Clusters.Where(c => c.IsLocked).Select(c => c.Id).ToListAsync(cancellationToken))
            index.SetLocked(id, true);
        Index = index;
        logger.LogInformation("Story index loaded: {Articles} articles in {Clusters} clusters in {Seconds:0.00} s (read {Read:0.00} s, decode {Decode:0.00} s, index {Index:0.00} s)",
            index.ArticleCount, index.ClusterCount, started.Elapsed.TotalSeconds, readSeconds, decodeSeconds, loadSeconds);
    }

    /// <summary>A stored fingerprint, or null when there is none or it is in a format this engine no longer reads.</summary>
    internal static ArticleFingerprint? TryRead(byte[]? bytes)
    {
        if (bytes is not { Length: > 0 }) return null;
        try
        {
            return ArticleFingerprint.FromBytes(bytes);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    internal static DateTimeOffset? Utc(DateTime? value) =>
        value is { } v ? new DateTimeOffset(DateTime.SpecifyKind(v, DateTimeKind.Utc)) : null;
}
