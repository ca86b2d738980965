using Microsoft.EntityFrameworkCore;
using NewsCluster.Web.Data;

namespace NewsCluster.Web.Imports;

/// <summary>
/// Runs queued imports one at a time, off the request path. At start it queues again the imports an earlier
/// process left queued or running, so they resume from their last committed batch.
/// </summary>
public sealed class ImportWorker(IServiceScopeFactory scopes, ImportQueue queue, ILogger<ImportWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Yield first so a slow resume never holds up the app's start.
        await Task.Yield();
        await RequeueUnfinishedAsync(stoppingToken);
        await foreach (var importId in queue.ReadAllAsync(stoppingToken))
        {
            try
            {
                using var scope = scopes.CreateScope();
                await scope.ServiceProvider.GetRequiredService<ImportRunner>().RunAsync(importId, stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(ex, "Import {ImportId} could not be run", importId);
            }
        }
    }

    private async Task RequeueUnfinishedAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<NewsDbContext>();
        var unfinished = await db.Imports.Where(j => j.Status == ImportStatus.Queued || j.Status == ImportStatus.Running)
            .OrderBy(j => j.Id).Select(j => j.Id).ToListAsync(cancellationToken);
        foreach (var id in unfinished) await queue.EnqueueAsync(id, cancellationToken);
        if (unfinished.Count > 0) logger.LogInformation("Resuming {Count} unfinished imports", unfinished.Count);
    }
}
