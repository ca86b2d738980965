using Microsoft.EntityFrameworkCore;
using NewsCluster.Engine.Clustering;
using NewsCluster.Web.Data;

namespace NewsCluster.Web.Clustering;

/// <summary>Places new articles into story clusters and keeps each cluster's summary columns in step.</summary>
public sealed class StoryClusteringService(NewsDbContext db, TimeProvider clock)
{
    private readonly StoryClusterer _clusterer = new(new ClusteringOptions());

    /// <summary>
    /// Stores <paramref name="fresh"/> and clusters them against everything stored, inside the caller's transaction.
    /// Existing articles keep their clusters; a new article joins the cluster its engine group already lives in,
    /// or the group becomes a new cluster.
    /// </summary>
    public async Task AddAsync(IReadOnlyList<Article> fresh, CancellationToken cancellationToken)
    {
        var existing = await db.Articles.AsNoTracking()
            .Select(a => new { a.Id, a.Title, a.Text, a.PublishedUtc, a.ClusterId })
            .ToListAsync(cancellationToken);
        // Fresh articles get temporary negative ids so the engine can tell them apart before they are saved.
        var inputs = existing.Select(a => new ClusterInput(a.Id, a.Title, a.Text, a.PublishedUtc))
            .Concat(fresh.Select((a, i) => new ClusterInput(-1 - i, a.Title, a.Text, a.PublishedUtc)))
            .ToList();
        var clusterOf = existing.ToDictionary(a => a.Id, a => a.ClusterId);

        var now = clock.GetUtcNow().UtcDateTime;
        var touched = new HashSet<StoryCluster>();
        foreach (var group in _clusterer.Cluster(inputs))
        {
            var newcomers = group.Where(id => id < 0).Select(id => fresh[(int)(-1 - id)]).ToList();
            if (newcomers.Count == 0) continue;
            var home = group.Where(id => id >= 0).Select(id => clusterOf[id]).DefaultIfEmpty().Min();
            var cluster = home == 0
                ? db.Clusters.Add(new StoryCluster { Headline = newcomers[0].Title, UpdatedUtc = now }).Entity
                : await db.Clusters.SingleAsync(c => c.Id == home, cancellationToken);
            foreach (var article in newcomers)
            {
                article.Cluster = cluster;
                db.Articles.Add(article);
            }
            touched.Add(cluster);
        }
        await db.SaveChangesAsync(cancellationToken);
        foreach (var cluster in touched) await RefreshSummaryAsync(cluster, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Recomputes the summary columns the stories list shows, from the cluster's members.</summary>
    private async Task RefreshSummaryAsync(StoryCluster cluster, DateTime now, CancellationToken cancellationToken)
    {
        var members = await db.Articles.AsNoTracking().Where(a => a.ClusterId == cluster.Id)
            .Select(a => new { a.Title, a.PublishedUtc, a.ImportedUtc, a.Source, a.Similarity })
            .ToListAsync(cancellationToken);
        var seen = members.Select(m => m.PublishedUtc ?? m.ImportedUtc).ToList();
        cluster.ArticleCount = members.Count;
        cluster.SourceCount = members.Select(m => m.Source).Where(s => s is not null).Distinct().Count();
        cluster.FirstSeenUtc = seen.Min();
        cluster.LastSeenUtc = seen.Max();
        cluster.MinSimilarity = members.Count > 1 ? members.Min(m => m.Similarity) : 1;
        cluster.UpdatedUtc = now;
        cluster.Version++;
    }
}
