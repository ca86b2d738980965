using Microsoft.EntityFrameworkCore;
using NewsCluster.Engine.Clustering;
using NewsCluster.Engine.Fingerprints;
using NewsCluster.Web.Data;

namespace NewsCluster.Web.Clustering;

/// <summary>
/// Places new articles into story clusters through the live index (no re-clustering of what is stored), keeps each
/// cluster's summary columns in step, and runs the full re-cluster that keeps editor decisions.
/// </summary>
public sealed class StoryClusteringService(NewsDbContext db, StoryIndexHolder holder, TimeProvider clock)
{
    /// <summary>
    /// Stores <paramref name="fresh"/> inside the caller's transaction, each in the cluster the index places it in.
    /// When the caller's transaction does not commit, it must call <see cref="Forget"/> so the index matches the store.
    /// </summary>
    public async Task AddAsync(IReadOnlyList<Article> fresh, CancellationToken cancellationToken, Imports.ImportTimings? timings = null,
        IReadOnlyDictionary<string, ArticleFingerprint>? precomputed = null)
    {
        timings ??= new Imports.ImportTimings();
        var fingerprinting = timings.Measure("fingerprint");
        // Ids are given here (inside the write transaction, so no other writer can take them) because the index
        // needs them before the rows exist.
        var nextId = (await db.Articles.MaxAsync(a => (long?)a.Id, cancellationToken) ?? 0) + 1;
        var fingerprints = new ArticleFingerprint[fresh.Count];
        Parallel.For(0, fresh.Count, () => holder.NewFingerprintBuilder(), (i, _, builder) =>
        {
            fingerprints[i] = precomputed?.GetValueOrDefault(fresh[i].ContentHash) ?? builder.Build(fresh[i].Title, fresh[i].Text);
            return builder;
        }, _ => { });
        var byId = new Dictionary<long, Article>(fresh.Count);
        var batch = new List<FingerprintedArticle>(fresh.Count);
        for (var i = 0; i < fresh.Count; i++)
        {
            var article = fresh[i];
            article.Id = nextId++;
            article.Fingerprint = fingerprints[i].ToBytes();
            byId[article.Id] = article;
            batch.Add(new FingerprintedArticle(article.Id, fingerprints[i], StoryIndexHolder.Utc(article.PublishedUtc)));
        }

        fingerprinting.Dispose();
        var index = holder.Index;
        IReadOnlyList<StoryAssignment> assignments;
        using (timings.Measure("assign"))
            assignments = index.Assign(batch);
        try
        {
            using (timings.Measure("store articles"))
                await InsertAsync(fresh, assignments, byId, index, cancellationToken);
            using (timings.Measure("refresh clusters"))
                await RefreshAsync(fresh.Select(a => a.ClusterId).Distinct().ToList(), cancellationToken);
        }
        catch
        {
            Forget(fresh.Select(a => a.Id));
            throw;
        }
    }

    /// <summary>
    /// Writes the batch's new clusters and articles with prepared statements (ids given here, inside the write
    /// transaction) and gives the index's provisional clusters their stored ids.
    /// </summary>
    private async Task InsertAsync(IReadOnlyList<Article> fresh, IReadOnlyList<StoryAssignment> assignments, Dictionary<long, Article> byId,
        StoryIndex index, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var nextClusterId = (await db.Clusters.MaxAsync(c => (long?)c.Id, cancellationToken) ?? 0) + 1;
        var created = new Dictionary<long, long>();
        await using (var insertCluster = await PreparedCommand.CreateAsync(db,
            "INSERT INTO Clusters (Id, Headline, ArticleCount, SourceCount, FirstSeenUtc, LastSeenUtc, MinSimilarity, UpdatedUtc, Version, IsLocked, HeadlineByEditor) " +
            "VALUES ($p0, $p1, 0, 0, $p2, $p2, 1, $p2, 0, 0, 0)", 3, cancellationToken))
        {
            foreach (var assignment in assignments.Where(a => a.ClusterId < 0))
            {
                if (created.ContainsKey(assignment.ClusterId)) continue;
                created[assignment.ClusterId] = nextClusterId;
                await insertCluster.RunAsync(cancellationToken, nextClusterId++, byId[assignment.ArticleId].Title, now);
            }
        }
        foreach (var (provisional, stored) in created) index.RenameCluster(provisional, stored);

        await using var insertArticle = await PreparedCommand.CreateAsync(db,
            "INSERT INTO Articles (Id, Title, PublishedUtc, ImportedUtc, Byline, Source, Url, Language, OriginPath, Text, RawText, ContentHash, ClusterId, Similarity, CopyOfId, Fingerprint) " +
            "VALUES ($p0, $p1, $p2, $p3, $p4, $p5, $p6, $p7, $p8, $p9, $p10, $p11, $p12, 1, $p13, $p14)", 15, cancellationToken);
        foreach (var assignment in assignments)
        {
            var a = byId[assignment.ArticleId];
            a.ClusterId = created.GetValueOrDefault(assignment.ClusterId, assignment.ClusterId);
            a.CopyOfId = assignment.CopyOf;
            await insertArticle.RunAsync(cancellationToken, a.Id, a.Title, a.PublishedUtc, a.ImportedUtc, a.Byline, a.Source, a.Url, a.Language,
                a.OriginPath, a.Text, a.RawText, a.ContentHash, a.ClusterId, a.CopyOfId, a.Fingerprint);
        }
    }

    /// <summary>Takes articles whose transaction rolled back out of the index again.</summary>
    public void Forget(IEnumerable<long> articleIds)
    {
        foreach (var id in articleIds) holder.Index.Remove(id);
    }

    /// <summary>
    /// Recomputes member similarities (from the index) and the summary columns the lists show (count, sources,
    /// dates, weakest similarity, automatic headline) of the given clusters with set-based SQL, bumps their
    /// version, and deletes the ones left empty. Runs inside the caller's transaction.
    /// </summary>
    public async Task RefreshAsync(IReadOnlyCollection<long> clusterIds, CancellationToken cancellationToken)
    {
        if (clusterIds.Count == 0) return;
        var index = holder.Index;
        await using (var setSimilarity = await PreparedCommand.CreateAsync(db, "UPDATE Articles SET Similarity = $p0 WHERE Id = $p1", 2, cancellationToken))
        {
            foreach (var clusterId in clusterIds)
            {
                var members = index.Members(clusterId);
                foreach (var member in members)
                    await setSimilarity.RunAsync(cancellationToken, members.Count > 1 ? Math.Round(index.MeanSimilarity(member, clusterId), 4) : 1.0, member);
            }
        }
        await using var summarise = await PreparedCommand.CreateAsync(db, """
            UPDATE Clusters SET
                ArticleCount = (SELECT COUNT(*) FROM Articles a WHERE a.ClusterId = Clusters.Id),
                SourceCount = (SELECT COUNT(DISTINCT lower(a.Source)) FROM Articles a WHERE a.ClusterId = Clusters.Id AND a.Source <> ''),
                FirstSeenUtc = COALESCE((SELECT MIN(COALESCE(a.PublishedUtc, a.ImportedUtc)) FROM Articles a WHERE a.ClusterId = Clusters.Id), FirstSeenUtc),
                LastSeenUtc = COALESCE((SELECT MAX(COALESCE(a.PublishedUtc, a.ImportedUtc)) FROM Articles a WHERE a.ClusterId = Clusters.Id), LastSeenUtc),
                MinSimilarity = COALESCE((SELECT MIN(a.Similarity) FROM Articles a WHERE a.ClusterId = Clusters.Id), 1),
                Headline = CASE WHEN HeadlineByEditor THEN Headline ELSE COALESCE((SELECT a.Title FROM Articles a WHERE a.ClusterId = Clusters.Id
                    ORDER BY COALESCE(a.PublishedUtc, a.ImportedUtc), a.Id LIMIT 1), Headline) END,
                UpdatedUtc = $p1,
                Version = Version + 1
            WHERE Id = $p0
            """, 2, cancellationToken);
        await using var deleteIfEmpty = await PreparedCommand.CreateAsync(db,
            "DELETE FROM Clusters WHERE Id = $p0 AND NOT EXISTS (SELECT 1 FROM Articles a WHERE a.ClusterId = $p0)", 1, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var clusterId in clusterIds)
        {
            if (await deleteIfEmpty.RunAsync(cancellationToken, clusterId) == 0)
                await summarise.RunAsync(cancellationToken, clusterId, now);
        }
    }

    /// <summary>
    /// Re-clusters everything from the stored fingerprints, keeping editor decisions (must-link, cannot-link, locked
    /// clusters). Each new group keeps the id of the old cluster most of its members came from, so links stay stable.
    /// Returns how many articles changed cluster.
    /// </summary>
    public async Task<int> ReclusterAsync(CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var rows = await db.Articles.AsNoTracking()
            .Select(a => new { a.Id, a.ClusterId, a.Fingerprint, a.Title, a.Text, a.PublishedUtc })
            .ToListAsync(cancellationToken);
        var builder = holder.NewFingerprintBuilder();
        var articles = rows.Select(r => new FingerprintedArticle(r.Id,
            StoryIndexHolder.TryRead(r.Fingerprint) ?? builder.Build(r.Title, r.Text),
            StoryIndexHolder.Utc(r.PublishedUtc))).ToList();
        var groups = new StoryClusterer(holder.Options).ClusterFingerprints(articles, holder.Index.Constraints());

        var oldCluster = rows.ToDictionary(r => r.Id, r => r.ClusterId);
        var usedIds = new HashSet<long>();
        var now = clock.GetUtcNow().UtcDateTime;
        var moves = new List<(long ArticleId, long ClusterId)>();
        var touched = new HashSet<long>(oldCluster.Values);
        foreach (var group in groups.OrderByDescending(g => g.Count).ThenBy(g => g[0]))
        {
            var keep = group.GroupBy(id => oldCluster[id]).Where(g => !usedIds.Contains(g.Key))
                .OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Select(g => (long?)g.Key).FirstOrDefault();
            if (keep is null)
            {
                var cluster = new StoryCluster { Headline = "", UpdatedUtc = now };
                db.Clusters.Add(cluster);
                await db.SaveChangesAsync(cancellationToken);
                keep = cluster.Id;
            }
            usedIds.Add(keep.Value);
            touched.Add(keep.Value);
            moves.AddRange(group.Where(id => oldCluster[id] != keep.Value).Select(id => (id, keep.Value)));
        }
        await using (var move = await PreparedCommand.CreateAsync(db, "UPDATE Articles SET ClusterId = $p0 WHERE Id = $p1", 2, cancellationToken))
            foreach (var (articleId, clusterId) in moves) await move.RunAsync(cancellationToken, clusterId, articleId);
        await holder.LoadAsync(db, cancellationToken);
        await RefreshAsync(touched, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return moves.Count;
    }
}
