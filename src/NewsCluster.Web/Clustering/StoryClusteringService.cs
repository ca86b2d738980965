using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using NewsCluster.Engine.Clustering;
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
    public async Task AddAsync(IReadOnlyList<Article> fresh, CancellationToken cancellationToken)
    {
        // Ids are given here (inside the write transaction, so no other writer can take them) because the index
        // needs them before the rows exist.
        var nextId = (await db.Articles.MaxAsync(a => (long?)a.Id, cancellationToken) ?? 0) + 1;
        var fingerprints = new Engine.Fingerprints.ArticleFingerprint[fresh.Count];
        Parallel.For(0, fresh.Count, () => holder.NewFingerprintBuilder(), (i, _, builder) =>
        {
            fingerprints[i] = builder.Build(fresh[i].Title, fresh[i].Text);
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

        var index = holder.Index;
        var assignments = index.Assign(batch);
        try
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var created = new Dictionary<long, StoryCluster>();
            foreach (var assignment in assignments)
            {
                var article = byId[assignment.ArticleId];
                article.CopyOfId = assignment.CopyOf;
                if (assignment.ClusterId < 0)
                {
                    if (!created.TryGetValue(assignment.ClusterId, out var cluster))
                        created[assignment.ClusterId] = cluster = new StoryCluster { Headline = article.Title, UpdatedUtc = now };
                    article.Cluster = cluster;
                }
                else
                {
                    article.ClusterId = assignment.ClusterId;
                }
                db.Articles.Add(article);
            }
            await db.SaveChangesAsync(cancellationToken);
            foreach (var (provisional, cluster) in created) index.RenameCluster(provisional, cluster.Id);
            await RefreshAsync(fresh.Select(a => a.ClusterId).Distinct().ToList(), cancellationToken);
        }
        catch
        {
            Forget(fresh.Select(a => a.Id));
            throw;
        }
    }

    /// <summary>Takes articles whose transaction rolled back out of the index again.</summary>
    public void Forget(IEnumerable<long> articleIds)
    {
        foreach (var id in articleIds) holder.Index.Remove(id);
    }

    /// <summary>
    /// Recomputes member similarities and the summary columns (count, sources, dates, weakest similarity, headline)
    /// of the given clusters from the index and the store, and bumps their version. Emptied clusters are deleted.
    /// </summary>
    public async Task RefreshAsync(IReadOnlyCollection<long> clusterIds, CancellationToken cancellationToken)
    {
        if (clusterIds.Count == 0) return;
        var index = holder.Index;
        var now = clock.GetUtcNow().UtcDateTime;
        var ids = clusterIds.ToList();
        var clusters = await db.Clusters.Where(c => ids.Contains(c.Id)).ToListAsync(cancellationToken);
        var members = (await db.Articles.AsNoTracking().Where(a => ids.Contains(a.ClusterId))
                .Select(a => new { a.Id, a.ClusterId, a.Title, a.Source, a.PublishedUtc, a.ImportedUtc })
                .ToListAsync(cancellationToken))
            .ToLookup(a => a.ClusterId);

        var similarities = new List<(long Id, double Similarity)>();
        foreach (var cluster in clusters)
        {
            var rows = members[cluster.Id].ToList();
            if (rows.Count == 0)
            {
                db.Clusters.Remove(cluster);
                continue;
            }
            var scored = rows.Select(r => (r.Id, Similarity: rows.Count > 1 ? index.MeanSimilarity(r.Id, cluster.Id) : 1.0)).ToList();
            similarities.AddRange(scored);
            var seen = rows.Select(r => r.PublishedUtc ?? r.ImportedUtc).ToList();
            cluster.ArticleCount = rows.Count;
            cluster.SourceCount = rows.Select(r => r.Source).Where(s => !string.IsNullOrEmpty(s)).Distinct(StringComparer.OrdinalIgnoreCase).Count();
            cluster.FirstSeenUtc = seen.Min();
            cluster.LastSeenUtc = seen.Max();
            cluster.MinSimilarity = scored.Min(s => s.Similarity);
            if (!cluster.HeadlineByEditor)
                cluster.Headline = rows.OrderBy(r => r.PublishedUtc ?? r.ImportedUtc).ThenBy(r => r.Id).First().Title;
            cluster.UpdatedUtc = now;
            cluster.Version++;
        }
        await db.SaveChangesAsync(cancellationToken);
        await UpdateSimilaritiesAsync(similarities, cancellationToken);
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
            r.Fingerprint is { Length: > 0 } f ? Engine.Fingerprints.ArticleFingerprint.FromBytes(f) : builder.Build(r.Title, r.Text),
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
        await ExecutePreparedAsync("UPDATE Articles SET ClusterId = $value WHERE Id = $id",
            moves.Select(m => (m.ArticleId, (object)m.ClusterId)), cancellationToken);
        await holder.LoadAsync(db, cancellationToken);
        await RefreshAsync(touched, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return moves.Count;
    }

    private Task UpdateSimilaritiesAsync(IReadOnlyList<(long Id, double Similarity)> similarities, CancellationToken cancellationToken) =>
        ExecutePreparedAsync("UPDATE Articles SET Similarity = $value WHERE Id = $id",
            similarities.Select(s => (s.Id, (object)Math.Round(s.Similarity, 4))), cancellationToken);

    /// <summary>One prepared statement run per row, inside the context's current transaction.</summary>
    private async Task ExecutePreparedAsync(string sql, IEnumerable<(long Id, object Value)> rows, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open) await db.Database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        var id = AddParameter(command, "$id");
        var value = AddParameter(command, "$value");
        command.Prepare();
        foreach (var row in rows)
        {
            id.Value = row.Id;
            value.Value = row.Value;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static DbParameter AddParameter(DbCommand command, string name)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        command.Parameters.Add(parameter);
        return parameter;
    }
}
