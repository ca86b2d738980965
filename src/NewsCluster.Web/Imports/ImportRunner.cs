using Microsoft.EntityFrameworkCore;
using NewsCluster.Ingestion;
using NewsCluster.Web.Data;

namespace NewsCluster.Web.Imports;

/// <summary>Reads one queued import's files and commits their items batch by batch.</summary>
public sealed class ImportRunner(NewsDbContext db, ArticleImporter importer, ArticleReader reader, TimeProvider clock, ILogger<ImportRunner> logger)
{
    public async Task RunAsync(long importId, CancellationToken cancellationToken)
    {
        var job = await db.Imports.SingleOrDefaultAsync(j => j.Id == importId, cancellationToken);
        if (job is null || job.Status is ImportStatus.Done or ImportStatus.Failed) return;

        job.Status = ImportStatus.Running;
        job.StartedUtc ??= clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Import {ImportId} started: {Files} files, {Description}", job.Id, job.FileCount, job.Description);
        try
        {
            // Reading order is fixed (sorted slots), so a resumed import can skip what an earlier run committed.
            foreach (var batch in ReadItems(job.Folder).Skip(job.ItemsDone).Chunk(ArticleImporter.BatchSize))
            {
                cancellationToken.ThrowIfCancellationRequested();
                await importer.CommitBatchAsync(job, batch, cancellationToken);
            }
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
        logger.LogInformation("Import {ImportId} {Status}: {Ingested} ingested, {Duplicates} duplicates, {Rejected} rejected",
            job.Id, job.Status, job.Ingested, job.Duplicates, job.Rejected);
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
