using Microsoft.EntityFrameworkCore;
using NewsCluster.Ingestion;
using NewsCluster.Web.Clustering;
using NewsCluster.Web.Data;

namespace NewsCluster.Web.Imports;

/// <summary>Outcome counts of one import run.</summary>
public sealed record ImportTally(int Ingested, int Duplicates, int Rejected)
{
    public static readonly ImportTally None = new(0, 0, 0);

    public ImportTally Add(ImportTally other) => new(Ingested + other.Ingested, Duplicates + other.Duplicates, Rejected + other.Rejected);
}

/// <summary>
/// Stores parsed items batch by batch: each batch (its articles, their cluster placement, its item outcomes and the
/// import's progress) commits in one transaction, so a crash never leaves half an article behind.
/// </summary>
public sealed class ArticleImporter(NewsDbContext db, StoryClusteringService clustering, TimeProvider clock)
{
    public const int BatchSize = 1000;

    /// <summary>Imports everything below a folder (or one file) without an import record; used for the seeds.</summary>
    public async Task<ImportTally> ImportPathAsync(string path, CancellationToken cancellationToken)
    {
        var tally = ImportTally.None;
        foreach (var batch in new ArticleReader().ReadPath(path).Chunk(BatchSize))
            tally = tally.Add(await CommitBatchAsync(null, batch, cancellationToken));
        return tally;
    }

    /// <summary>Stores one batch and, when <paramref name="job"/> is given, its per-item outcomes and progress.</summary>
    public async Task<ImportTally> CommitBatchAsync(ImportJob? job, IReadOnlyList<ParsedItem> batch, CancellationToken cancellationToken,
        ImportTimings? timings = null, IReadOnlyDictionary<string, Engine.Fingerprints.ArticleFingerprint>? fingerprints = null)
    {
        timings ??= new ImportTimings();
        var duplicateCheck = timings.Measure("duplicate check");
        // The runner's context lives for the whole import: clusters tracked by the previous batch carry the version
        // they had then, and an editor may have changed them since, so their refresh failed as a concurrency
        // conflict and the import with it. Each batch starts from what is stored; the job stays tracked.
        db.ChangeTracker.Clear();
        if (job is not null) db.Imports.Attach(job);
        var hashes = batch.Where(i => i.Article is not null).Select(i => i.Article!.ContentHash).Distinct().ToList();
        var known = new HashSet<string>(
            await db.Articles.Where(a => hashes.Contains(a.ContentHash)).Select(a => a.ContentHash).ToListAsync(cancellationToken),
            StringComparer.Ordinal);
        known.UnionWith(await db.Tombstones.Where(t => hashes.Contains(t.ContentHash)).Select(t => t.ContentHash).ToListAsync(cancellationToken));

        var outcomes = new List<(ImportItem Item, Article? Article)>(batch.Count);
        var fresh = new List<Article>();
        foreach (var parsed in batch)
        {
            var item = new ImportItem { Name = Truncate(parsed.Path, 1000) };
            Article? article = null;
            if (parsed.Article is not { } draft)
            {
                item.Status = ImportItemStatus.Rejected;
                item.Reason = parsed.RejectionReason;
            }
            else if (!known.Add(draft.ContentHash))
            {
                item.Status = ImportItemStatus.Duplicate;
                item.Reason = "duplicate: the same cleaned text is already stored (or was removed by an editor)";
            }
            else
            {
                item.Status = ImportItemStatus.Ingested;
                article = ToArticle(parsed.Path, draft);
                fresh.Add(article);
            }
            outcomes.Add((item, article));
        }

        duplicateCheck.Dispose();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            var tally = await CommitInTransactionAsync(job, batch, outcomes, fresh, fingerprints, timings, cancellationToken);
            using (timings.Measure("commit"))
                await transaction.CommitAsync(cancellationToken);
            return tally;
        }
        catch
        {
            // The rows rolled back; the live index must forget them too. The job's progress is reloaded by the runner.
            clustering.Forget(fresh.Select(a => a.Id));
            throw;
        }
    }

    private async Task<ImportTally> CommitInTransactionAsync(ImportJob? job, IReadOnlyList<ParsedItem> batch,
        List<(ImportItem Item, Article? Article)> outcomes, List<Article> fresh, IReadOnlyDictionary<string, Engine.Fingerprints.ArticleFingerprint>? fingerprints,
        ImportTimings timings, CancellationToken cancellationToken)
    {
        if (fresh.Count > 0) await clustering.AddAsync(fresh, cancellationToken, timings, fingerprints);
        var tally = new ImportTally(fresh.Count, outcomes.Count(o => o.Item.Status == ImportItemStatus.Duplicate),
            outcomes.Count(o => o.Item.Status == ImportItemStatus.Rejected));
        if (job is not null)
        {
            using (timings.Measure("store items"))
            {
                await using var insertItem = await PreparedCommand.CreateAsync(db,
                    "INSERT INTO ImportItems (ImportId, Name, Status, Reason, ArticleId) VALUES ($p0, $p1, $p2, $p3, $p4)", 5, cancellationToken);
                foreach (var (item, article) in outcomes)
                    await insertItem.RunAsync(cancellationToken, job.Id, item.Name, item.Status.ToString(), item.Reason, article?.Id);
                job.ItemsDone += batch.Count;
                job.Ingested += tally.Ingested;
                job.Duplicates += tally.Duplicates;
                job.Rejected += tally.Rejected;
                await db.SaveChangesAsync(cancellationToken);
            }
        }
        return tally;
    }

    private Article ToArticle(string path, ArticleDraft draft) => new()
    {
        Title = Truncate(draft.Title, 1000),
        PublishedUtc = draft.Published?.UtcDateTime,
        ImportedUtc = clock.GetUtcNow().UtcDateTime,
        Byline = draft.Byline,
        Source = draft.Source,
        Url = draft.Url,
        Language = draft.Language,
        OriginPath = path,
        Text = draft.Text,
        RawText = draft.RawText,
        ContentHash = draft.ContentHash,
    };

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..(max - 1)] + "…";
}
