using Microsoft.EntityFrameworkCore;
using NewsCluster.Engine.Clustering;
using NewsCluster.Web.Clustering;
using NewsCluster.Web.Data;

namespace NewsCluster.Web.Editing;

/// <summary>What an editor action did: its audit entry and the cluster to show next.</summary>
public sealed record EditResult(long AuditEntryId, long? ClusterId, string Summary);

/// <summary>
/// Editor actions on clusters: merge, split, move, rename, lock, remove and undo. Each runs in one transaction,
/// records who/when/what with the state before and after, turns the decision into must-link / cannot-link pairs the
/// engine keeps on later imports and re-clusters, and keeps the live index in step.
/// </summary>
public sealed class ClusterEditor(NewsDbContext db, StoryClusteringService clustering, StoryIndexHolder holder, TimeProvider clock)
{
    public Task<EditResult> MergeAsync(string editor, IReadOnlyList<long> clusterIds, IReadOnlyList<int>? versions, CancellationToken ct) =>
        RunAsync(editor, async plan =>
        {
            var ids = clusterIds.Distinct().ToList();
            if (ids.Count < 2) throw EditRefusedException.Invalid("Choose at least two different stories to merge.");
            if (versions is not null && versions.Count != clusterIds.Count)
                throw EditRefusedException.Invalid("Give one version per story, in the same order, or none.");
            var clusters = await LoadClustersAsync(ids, ct, missingIsStale: versions is not null);
            if (versions is not null)
                for (var i = 0; i < clusterIds.Count; i++) CheckVersion(clusters[clusterIds[i]], versions[i]);
            foreach (var c in clusters.Values) CheckUnlocked(c);

            var members = await MembersAsync(ids, ct);
            var target = clusters.Values.OrderByDescending(c => members[c.Id].Count).ThenBy(c => c.Id).First();
            var sources = ids.Where(id => id != target.Id).ToList();
            var all = members.Values.SelectMany(m => m).ToList();
            plan.Before.Clusters.AddRange(clusters.Values.Select(State));
            foreach (var source in sources)
            {
                plan.Before.Memberships.AddRange(members[source].Select(a => new EditSnapshot.Membership(a, source)));
                plan.After.Memberships.AddRange(members[source].Select(a => new EditSnapshot.Membership(a, target.Id)));
                plan.MustLink(members[target.Id].Min(), members[source].Min());
            }
            await plan.RemoveLinksAsync(LinkKind.CannotLink, all, all, ct);
            await MoveArticlesAsync(plan.After.Memberships, ct);
            plan.IndexChanges.Add(index => index.Merge(sources, target.Id));
            plan.Touch(ids);
            plan.Describe("merge", $"Merged {ids.Count} stories into #{target.Id} “{target.Headline}”", target.Id);
        }, ct);

    public Task<EditResult> SplitAsync(string editor, long clusterId, IReadOnlyList<long> articleIds, int? version, CancellationToken ct) =>
        RunAsync(editor, async plan =>
        {
            var cluster = (await LoadClustersAsync([clusterId], ct))[clusterId];
            CheckVersion(cluster, version);
            CheckUnlocked(cluster);
            var members = (await MembersAsync([clusterId], ct))[clusterId];
            var moving = articleIds.Distinct().Order().ToList();
            if (moving.Count == 0) throw EditRefusedException.Invalid("Choose the articles to split out.");
            var strangers = moving.Except(members).ToList();
            if (strangers.Count > 0) throw EditRefusedException.Invalid($"Article {strangers[0]} is not in story #{clusterId}.");
            var staying = members.Except(moving).ToList();
            if (staying.Count == 0) throw EditRefusedException.Invalid("Splitting out every article would leave the story empty; choose fewer.");

            var created = new StoryCluster { Headline = cluster.Headline, UpdatedUtc = clock.GetUtcNow().UtcDateTime };
            db.Clusters.Add(created);
            await db.SaveChangesAsync(ct);
            plan.Before.Clusters.Add(State(cluster));
            plan.Before.Memberships.AddRange(moving.Select(a => new EditSnapshot.Membership(a, clusterId)));
            plan.After.Memberships.AddRange(moving.Select(a => new EditSnapshot.Membership(a, created.Id)));
            foreach (var a in moving.Skip(1)) plan.MustLink(moving[0], a);
            foreach (var r in staying) plan.CannotLink(moving[0], r);
            var cut = await plan.RemoveLinksAsync(LinkKind.MustLink, moving, staying, ct);
            plan.ReanchorMustLinks(cut, staying);
            await MoveArticlesAsync(plan.After.Memberships, ct);
            plan.IndexChanges.Add(index => index.Split(moving, created.Id));
            plan.Touch([clusterId, created.Id]);
            plan.Describe("split", $"Split {moving.Count} of {members.Count} articles out of #{clusterId} into new story #{created.Id}", created.Id);
        }, ct);

    public Task<EditResult> MoveAsync(string editor, long articleId, long targetClusterId, int? targetVersion, CancellationToken ct) =>
        RunAsync(editor, async plan =>
        {
            var article = await db.Articles.AsNoTracking().Where(a => a.Id == articleId).Select(a => new { a.Id, a.ClusterId, a.Title })
                .SingleOrDefaultAsync(ct) ?? throw EditRefusedException.NotFound($"Article {articleId}");
            if (article.ClusterId == targetClusterId) throw EditRefusedException.Invalid($"Article {articleId} is already in story #{targetClusterId}.");
            var clusters = await LoadClustersAsync([article.ClusterId, targetClusterId], ct);
            CheckVersion(clusters[targetClusterId], targetVersion);
            CheckUnlocked(clusters[article.ClusterId]);
            CheckUnlocked(clusters[targetClusterId]);
            var members = await MembersAsync([article.ClusterId, targetClusterId], ct);
            var staying = members[article.ClusterId].Where(id => id != articleId).ToList();

            plan.Before.Clusters.AddRange(clusters.Values.Select(State));
            plan.Before.Memberships.Add(new EditSnapshot.Membership(articleId, article.ClusterId));
            plan.After.Memberships.Add(new EditSnapshot.Membership(articleId, targetClusterId));
            var cut = await plan.RemoveLinksAsync(LinkKind.MustLink, [articleId], staying, ct);
            plan.ReanchorMustLinks(cut, staying);
            await plan.RemoveLinksAsync(LinkKind.CannotLink, [articleId], members[targetClusterId], ct);
            plan.MustLink(articleId, members[targetClusterId].Min());
            if (staying.Count > 0) plan.CannotLink(articleId, staying.Min());
            await MoveArticlesAsync(plan.After.Memberships, ct);
            plan.IndexChanges.Add(index => index.Move(articleId, targetClusterId));
            plan.Touch([article.ClusterId, targetClusterId]);
            plan.Describe("move", $"Moved article {articleId} “{article.Title}” from #{article.ClusterId} to #{targetClusterId}", targetClusterId);
        }, ct);

    public Task<EditResult> RenameAsync(string editor, long clusterId, string headline, int? version, CancellationToken ct) =>
        RunAsync(editor, async plan =>
        {
            var trimmed = headline.Trim();
            if (trimmed.Length is 0 or > 300) throw EditRefusedException.Invalid("A headline has 1 to 300 characters.");
            var cluster = (await LoadClustersAsync([clusterId], ct))[clusterId];
            CheckVersion(cluster, version);
            plan.Before.Clusters.Add(State(cluster));
            cluster.Headline = trimmed;
            cluster.HeadlineByEditor = true;
            plan.After.Clusters.Add(State(cluster));
            plan.Touch([clusterId]);
            plan.Describe("rename", $"Renamed #{clusterId} from “{plan.Before.Clusters[0].Headline}” to “{trimmed}”", clusterId);
        }, ct);

    public Task<EditResult> SetLockedAsync(string editor, long clusterId, bool locked, int? version, CancellationToken ct) =>
        RunAsync(editor, async plan =>
        {
            var cluster = (await LoadClustersAsync([clusterId], ct))[clusterId];
            CheckVersion(cluster, version);
            if (cluster.IsLocked == locked) throw EditRefusedException.Invalid($"Story #{clusterId} is already {(locked ? "locked" : "unlocked")}.");
            plan.Before.Clusters.Add(State(cluster));
            cluster.IsLocked = locked;
            plan.After.Clusters.Add(State(cluster));
            plan.IndexChanges.Add(index => index.SetLocked(clusterId, locked));
            plan.Touch([clusterId]);
            plan.Describe(locked ? "lock" : "unlock", $"{(locked ? "Locked" : "Unlocked")} #{clusterId} “{cluster.Headline}”", clusterId);
        }, ct);

    public Task<EditResult> RemoveArticleAsync(string editor, long articleId, CancellationToken ct) =>
        RunAsync(editor, async plan =>
        {
            var article = await db.Articles.SingleOrDefaultAsync(a => a.Id == articleId, ct) ?? throw EditRefusedException.NotFound($"Article {articleId}");
            var cluster = (await LoadClustersAsync([article.ClusterId], ct))[article.ClusterId];
            CheckUnlocked(cluster);
            plan.Before.Clusters.Add(State(cluster));
            plan.Before.Article = Snapshot(article);
            await plan.RemoveLinksAsync(null, [articleId], null, ct);
            db.Tombstones.Add(new Tombstone { ContentHash = article.ContentHash, Title = article.Title, RemovedUtc = clock.GetUtcNow().UtcDateTime });
            db.Articles.Remove(article);
            plan.IndexChanges.Add(index => index.Remove(articleId));
            plan.Touch([article.ClusterId]);
            plan.Describe("remove", $"Removed article {articleId} “{article.Title}” from #{article.ClusterId}", article.ClusterId);
        }, ct);

    public Task<EditResult> UndoAsync(string editor, long auditEntryId, CancellationToken ct) =>
        RunAsync(editor, async plan =>
        {
            var entry = await db.Audit.SingleOrDefaultAsync(e => e.Id == auditEntryId, ct) ?? throw EditRefusedException.NotFound($"Audit entry {auditEntryId}");
            if (!IsUndoable(entry)) throw EditRefusedException.Invalid($"A “{entry.Action}” cannot be undone.");
            if (entry.UndoneUtc is not null) throw new EditRefusedException(StatusCodes.Status409Conflict, $"Audit entry {auditEntryId} was already undone.");
            var before = EditSnapshot.FromJson(entry.BeforeJson);
            var after = EditSnapshot.FromJson(entry.AfterJson);
            await CheckStillAsLeftAsync(after, before.Article, ct);

            foreach (var state in before.Clusters)
            {
                var cluster = await db.Clusters.SingleOrDefaultAsync(c => c.Id == state.Id, ct);
                if (cluster is null)
                    db.Clusters.Add(cluster = new StoryCluster { Id = state.Id, Headline = state.Headline, UpdatedUtc = clock.GetUtcNow().UtcDateTime });
                cluster.Headline = state.Headline;
                cluster.HeadlineByEditor = state.HeadlineByEditor;
                cluster.IsLocked = state.IsLocked;
            }
            await db.SaveChangesAsync(ct);
            if (before.Article is { } removed)
            {
                db.Articles.Add(Restore(removed));
                var tombstone = await db.Tombstones.SingleOrDefaultAsync(t => t.ContentHash == removed.ContentHash, ct);
                if (tombstone is not null) db.Tombstones.Remove(tombstone);
                await db.SaveChangesAsync(ct);
                var fingerprint = StoryIndexHolder.TryRead(removed.Fingerprint) ?? holder.NewFingerprintBuilder().Build(removed.Title, removed.Text);
                plan.IndexChanges.Add(index => index.Load([new IndexedArticle(removed.Id, removed.ClusterId, fingerprint, StoryIndexHolder.Utc(removed.PublishedUtc))]));
            }
            await MoveArticlesAsync(before.Memberships, ct);
            foreach (var m in before.Memberships) plan.IndexChanges.Add(index => index.Move(m.ArticleId, m.ClusterId));
            foreach (var state in before.Clusters) plan.IndexChanges.Add(index => index.SetLocked(state.Id, state.IsLocked));

            var added = await db.Links.Where(l => l.AuditEntryId == entry.Id).ToListAsync(ct);
            db.Links.RemoveRange(added);
            foreach (var link in added) plan.IndexChanges.Add(index => RemoveLink(index, link.ArticleA, link.ArticleB, link.Kind));
            foreach (var link in before.RemovedLinks)
            {
                db.Links.Add(new ArticleLink { ArticleA = link.ArticleA, ArticleB = link.ArticleB, Kind = link.Kind, AuditEntryId = link.AuditEntryId });
                plan.IndexChanges.Add(index => AddLink(index, link.ArticleA, link.ArticleB, link.Kind));
            }
            entry.UndoneUtc = clock.GetUtcNow().UtcDateTime;
            entry.UndoneBy = editor;
            plan.Before.Memberships.AddRange(after.Memberships);
            plan.After.Memberships.AddRange(before.Memberships);
            plan.Touch(before.Clusters.Select(c => c.Id).Concat(before.Memberships.Select(m => m.ClusterId)).Concat(after.Memberships.Select(m => m.ClusterId)));
            var show = before.Memberships.Select(m => (long?)m.ClusterId).FirstOrDefault() ?? before.Clusters.Select(c => (long?)c.Id).FirstOrDefault();
            plan.Describe("undo", $"Undid #{entry.Id}: {entry.Summary}", show);
        }, ct);

    public static bool IsUndoable(AuditEntry entry) => entry.Action is "merge" or "split" or "move" or "rename" or "lock" or "unlock" or "remove";

    /// <summary>Undo only restores what the action left; if later edits moved the same articles, those come first.</summary>
    private async Task CheckStillAsLeftAsync(EditSnapshot after, EditSnapshot.RemovedArticle? removed, CancellationToken ct)
    {
        var ids = after.Memberships.Select(m => m.ArticleId).ToList();
        var current = await db.Articles.AsNoTracking().Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.ClusterId, ct);
        if (after.Memberships.Any(m => !current.TryGetValue(m.ArticleId, out var now) || now != m.ClusterId))
            throw new EditRefusedException(StatusCodes.Status409Conflict, "Later edits changed these articles; undo those first.");
        if (removed is not null && await db.Articles.AnyAsync(a => a.Id == removed.Id || a.ContentHash == removed.ContentHash, ct))
            throw new EditRefusedException(StatusCodes.Status409Conflict, "The removed article is back already.");
    }

    private async Task<EditResult> RunAsync(string editor, Func<EditPlan, Task> body, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var plan = new EditPlan(db);
        try
        {
            await body(plan);
            var entry = new AuditEntry
            {
                AtUtc = clock.GetUtcNow().UtcDateTime,
                Editor = editor,
                Action = plan.Action,
                Summary = plan.Summary,
                BeforeJson = plan.Before.ToJson(),
                AfterJson = plan.After.ToJson(),
            };
            db.Audit.Add(entry);
            await db.SaveChangesAsync(ct);
            foreach (var (a, b, kind) in plan.NewLinks)
            {
                db.Links.Add(new ArticleLink { ArticleA = Math.Min(a, b), ArticleB = Math.Max(a, b), Kind = kind, AuditEntryId = entry.Id });
                plan.IndexChanges.Add(index => AddLink(index, a, b, kind));
            }
            foreach (var link in plan.Before.RemovedLinks)
                plan.IndexChanges.Add(index => RemoveLink(index, link.ArticleA, link.ArticleB, link.Kind));
            await db.SaveChangesAsync(ct);
            foreach (var change in plan.IndexChanges) change(holder.Index);
            await clustering.RefreshAsync(plan.Touched, ct);
            await transaction.CommitAsync(ct);
            return new EditResult(entry.Id, plan.ShowCluster, plan.Summary);
        }
        catch (Exception ex)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            // The index may hold part of the rolled-back change: rebuild it from what is stored.
            if (plan.IndexChanges.Count > 0) await holder.LoadAsync(db, CancellationToken.None);
            if (ex is DbUpdateConcurrencyException) throw EditRefusedException.Stale("A story involved");
            throw;
        }
    }

    /// <summary>Loads the clusters; a missing one is unknown (404), or stale (409) when the caller held a version of it.</summary>
    private async Task<Dictionary<long, StoryCluster>> LoadClustersAsync(IReadOnlyCollection<long> ids, CancellationToken ct, bool missingIsStale = false)
    {
        var clusters = await db.Clusters.Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        var missing = ids.FirstOrDefault(id => !clusters.ContainsKey(id), -1);
        if (missing != -1 && missingIsStale) throw EditRefusedException.Stale($"Story #{missing} (merged or emptied)");
        if (missing != -1) throw EditRefusedException.NotFound($"Story #{missing}");
        return clusters;
    }

    private async Task<Dictionary<long, List<long>>> MembersAsync(IReadOnlyCollection<long> clusterIds, CancellationToken ct)
    {
        var rows = await db.Articles.AsNoTracking().Where(a => clusterIds.Contains(a.ClusterId)).Select(a => new { a.Id, a.ClusterId }).ToListAsync(ct);
        return clusterIds.Distinct().ToDictionary(id => id, id => rows.Where(r => r.ClusterId == id).Select(r => r.Id).Order().ToList());
    }

    private async Task MoveArticlesAsync(IEnumerable<EditSnapshot.Membership> memberships, CancellationToken ct)
    {
        foreach (var m in memberships)
            await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE Articles SET ClusterId = {m.ClusterId} WHERE Id = {m.ArticleId}", ct);
    }

    private static void CheckVersion(StoryCluster cluster, int? expected)
    {
        if (expected is { } v && v != cluster.Version) throw EditRefusedException.Stale($"Story #{cluster.Id}");
    }

    private static void CheckUnlocked(StoryCluster cluster)
    {
        if (cluster.IsLocked) throw new EditRefusedException(StatusCodes.Status409Conflict, $"Story #{cluster.Id} is locked; unlock it first.");
    }

    private static EditSnapshot.ClusterState State(StoryCluster c) => new(c.Id, c.Headline, c.HeadlineByEditor, c.IsLocked);

    private static void AddLink(StoryIndex index, long a, long b, LinkKind kind)
    {
        if (kind == LinkKind.MustLink) index.AddMustLink(a, b); else index.AddCannotLink(a, b);
    }

    private static void RemoveLink(StoryIndex index, long a, long b, LinkKind kind)
    {
        if (kind == LinkKind.MustLink) index.RemoveMustLink(a, b); else index.RemoveCannotLink(a, b);
    }

    private static EditSnapshot.RemovedArticle Snapshot(Article a) => new(a.Id, a.Title, a.PublishedUtc, a.ImportedUtc, a.Byline, a.Source, a.Url,
        a.Language, a.OriginPath, a.Text, a.RawText, a.ContentHash, a.ClusterId, a.CopyOfId, a.Fingerprint);

    private static Article Restore(EditSnapshot.RemovedArticle a) => new()
    {
        Id = a.Id, Title = a.Title, PublishedUtc = a.PublishedUtc, ImportedUtc = a.ImportedUtc, Byline = a.Byline, Source = a.Source,
        Url = a.Url, Language = a.Language, OriginPath = a.OriginPath, Text = a.Text, RawText = a.RawText, ContentHash = a.ContentHash,
        ClusterId = a.ClusterId, CopyOfId = a.CopyOfId, Fingerprint = a.Fingerprint,
    };

    /// <summary>What one action is about to do, collected while it runs.</summary>
    private sealed class EditPlan(NewsDbContext db)
    {
        public EditSnapshot Before { get; } = new();
        public EditSnapshot After { get; } = new();
        public List<(long A, long B, LinkKind Kind)> NewLinks { get; } = [];
        public List<Action<StoryIndex>> IndexChanges { get; } = [];
        public HashSet<long> Touched { get; } = [];
        public string Action { get; private set; } = "";
        public string Summary { get; private set; } = "";
        public long? ShowCluster { get; private set; }

        public void MustLink(long a, long b) => NewLinks.Add((a, b, LinkKind.MustLink));

        public void CannotLink(long a, long b) => NewLinks.Add((a, b, LinkKind.CannotLink));

        public void Touch(IEnumerable<long> clusterIds) => Touched.UnionWith(clusterIds);

        public void Describe(string action, string summary, long? showCluster)
        {
            Action = action;
            Summary = summary.Length <= 500 ? summary : summary[..499] + "…";
            ShowCluster = showCluster;
        }

        /// <summary>
        /// Must-links cut because one end left keep their other ends together: each end in <paramref name="staying"/>
        /// is linked to the staying articles' anchor instead, so earlier merges and moves survive a later split.
        /// </summary>
        public void ReanchorMustLinks(IEnumerable<ArticleLink> cut, IReadOnlyCollection<long> staying)
        {
            if (staying.Count == 0) return;
            var anchor = staying.Min();
            foreach (var end in cut.SelectMany(l => new[] { l.ArticleA, l.ArticleB }).Where(staying.Contains).Distinct().Where(e => e != anchor))
                MustLink(anchor, end);
        }

        /// <summary>Deletes stored links of <paramref name="kind"/> (any when null) between the two sets (or touching the first when the second is null), recording them for undo.</summary>
        public async Task<List<ArticleLink>> RemoveLinksAsync(LinkKind? kind, IReadOnlyCollection<long> side, IReadOnlyCollection<long>? other, CancellationToken ct)
        {
            var links = await db.Links.Where(l => side.Contains(l.ArticleA) || side.Contains(l.ArticleB)).ToListAsync(ct);
            var doomed = links.Where(l => (kind is null || l.Kind == kind) &&
                (other is null || (side.Contains(l.ArticleA) && other.Contains(l.ArticleB)) || (side.Contains(l.ArticleB) && other.Contains(l.ArticleA))))
                .ToList();
            Before.RemovedLinks.AddRange(doomed.Select(l => new EditSnapshot.LinkState(l.ArticleA, l.ArticleB, l.Kind, l.AuditEntryId)));
            db.Links.RemoveRange(doomed);
            return doomed;
        }
    }
}
