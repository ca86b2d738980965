using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using NewsCluster.Engine.Fingerprints;
using NewsCluster.Ingestion;
using NewsCluster.Web.Clustering;
using NewsCluster.Web.Data;

namespace NewsCluster.Web.Imports;

/// <summary>Reads one queued import's files and commits their items batch by batch.</summary>
public sealed class ImportRunner(NewsDbContext db, ArticleImporter importer, ArticleReader reader, StoryIndexHolder index, TimeProvider clock,
    ILogger<ImportRunner> logger)
{
    /// <summary>A batch as read ahead: parsed items and the fingerprints of their articles, by content hash.</summary>
    private sealed record ReadBatch(ParsedItem[] Items, Dictionary<string, ArticleFingerprint> Fingerprints);

    public async Task RunAsync(long importId, CancellationToken cancellationToken)
    {
        var job = await db.Imports.SingleOrDefaultAsync(j => j.Id == importId, cancellationToken);
        if (job is null || job.Status is ImportStatus.Done or ImportStatus.Failed) return;

        var timings = new ImportTimings();
        job.Status = ImportStatus.Running;
        job.StartedUtc ??= clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Import {ImportId} started: {Files} files, {Description}", job.Id, job.FileCount, job.Description);
        try
        {
            // Reading order is fixed (sorted slots), so a resumed import can skip what an earlier run committed.
            // Reading, parsing and fingerprinting run one batch ahead of storing, so the two cores share the work.
            var batches = Channel.CreateBounded<ReadBatch>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
            var reading = Task.Run(() => ReadAheadAsync(job.Folder, job.ItemsDone, batches.Writer, timings, cancellationToken), cancellationToken);
            await foreach (var batch in batches.Reader.ReadAllAsync(cancellationToken))
                await importer.CommitBatchAsync(job, batch.Items, cancellationToken, timings, batch.Fingerprints);
            await reading;
            job.Status = ImportStatus.Done;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: the import stays "running" and resumes from its last committed batch at the next start.
            logger.LogInformation("Import {ImportId} paused at item {ItemsDone} by shutdown", job.Id, job.ItemsDone);
            return;
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Import {ImportId} failed after {ItemsDone} items", job.Id, job.ItemsDone);
            db.ChangeTracker.Clear();
            job = await db.Imports.SingleAsync(j => j.Id == importId, CancellationToken.None);
            job.Status = ImportStatus.Failed;
            job.Error = "The import stopped unexpectedly after " + job.ItemsDone + " items; the items listed were committed.";
        }
        job.FinishedUtc = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(CancellationToken.None);
        TryDeleteFolder(job.Folder);
        logger.LogInformation("Import {ImportId} {Status}: {Ingested} ingested, {Duplicates} duplicates, {Rejected} rejected; time in {Timings}",
            job.Id, job.Status, job.Ingested, job.Duplicates, job.Rejected, timings);
    }

    private async Task ReadAheadAsync(string folder, int skip, ChannelWriter<ReadBatch> writer, ImportTimings timings, CancellationToken cancellationToken)
    {
        try
        {
            var builder = index.NewFingerprintBuilder();
            using var batches = ReadItems(folder).Skip(skip).Chunk(ArticleImporter.BatchSize).GetEnumerator();
            while (true)
            {
                using (timings.Measure("read+parse (overlapped)"))
                    if (!batches.MoveNext()) break;
                var fingerprints = new Dictionary<string, ArticleFingerprint>(StringComparer.Ordinal);
                using (timings.Measure("fingerprint (overlapped)"))
                    foreach (var draft in batches.Current.Select(i => i.Article).OfType<ArticleDraft>())
                        fingerprints.TryAdd(draft.ContentHash, builder.Build(draft.Title, draft.Text));
                await writer.WriteAsync(new ReadBatch(batches.Current, fingerprints), cancellationToken);
            }
            writer.Complete();
        }
        catch (Exception ex)
        {
            writer.Complete(ex);
        }
    }

    private IEnumerable<ParsedItem> ReadItems(string folder)
    {
        if (!Directory.Exists(folder)) yield break;
        foreach (var slot in Directory.GetDirectories(folder).Order(StringComparer.Ordinal))
            foreach (var file in Directory.GetFiles(slot).Order(StringComparer.Ordinal))
            {
                using var stream = File.OpenRead(file);
                foreach (var item in reader.Read(Path.GetFileName(file), stream)) yield return item;
            }
    }

    private void TryDeleteFolder(string folder)
    {
        try
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
        catch (IOException ex)
        {
            logger.LogWarning(ex, "Could not delete upload folder {Folder}", folder);
        }
    }
}
