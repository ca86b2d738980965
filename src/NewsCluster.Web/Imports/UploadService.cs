using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NewsCluster.Web.Data;

namespace NewsCluster.Web.Imports;

/// <summary>Saves uploaded files to a private folder, records the import and queues it for the worker.</summary>
public sealed class UploadService(NewsDbContext db, ImportQueue queue, IOptions<UploadOptions> options, IWebHostEnvironment environment, TimeProvider clock)
{
    public string UploadRoot => Path.GetFullPath(Path.Combine(environment.ContentRootPath, options.Value.Folder));

    public async Task<ImportJob> AcceptAsync(IReadOnlyList<IFormFile> files, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(UploadRoot, Guid.NewGuid().ToString("n"));
        Directory.CreateDirectory(folder);
        try
        {
            for (var i = 0; i < files.Count; i++)
            {
                // Each file gets its own numbered folder so equal names never collide; the name itself is reduced
                // to its last segment, so a hostile file name cannot point outside the upload folder.
                var slot = Directory.CreateDirectory(Path.Combine(folder, i.ToString("D5")));
                await using var target = File.Create(Path.Combine(slot.FullName, SafeFileName(files[i].FileName)));
                await files[i].CopyToAsync(target, cancellationToken);
            }
        }
        catch
        {
            Directory.Delete(folder, recursive: true);
            throw;
        }

        var names = files.Select(f => SafeFileName(f.FileName)).ToList();
        var job = new ImportJob
        {
            Status = ImportStatus.Queued,
            CreatedUtc = clock.GetUtcNow().UtcDateTime,
            Description = Describe(names),
            FileCount = files.Count,
            TotalBytes = files.Sum(f => f.Length),
            Folder = folder,
        };
        db.Imports.Add(job);
        await db.SaveChangesAsync(cancellationToken);
        await queue.EnqueueAsync(job.Id, cancellationToken);
        return job;
    }

    /// <summary>
    /// Deletes upload folders that no unfinished import owns: leftovers of a crash between saving files and recording
    /// the import. Runs at start, before requests are served, so it never races a fresh upload.
    /// </summary>
    public async Task RemoveOrphanFoldersAsync(ILogger logger, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(UploadRoot)) return;
        var owned = (await db.Imports.Where(j => j.Status == ImportStatus.Queued || j.Status == ImportStatus.Running)
                .Select(j => j.Folder).ToListAsync(cancellationToken))
            .Select(Path.GetFullPath).ToHashSet(StringComparer.Ordinal);
        foreach (var folder in Directory.GetDirectories(UploadRoot).Where(f => !owned.Contains(Path.GetFullPath(f))))
        {
            try
            {
                Directory.Delete(folder, recursive: true);
                logger.LogInformation("Removed leftover upload folder {Folder}", folder);
            }
            catch (IOException ex)
            {
                logger.LogWarning(ex, "Could not remove leftover upload folder {Folder}", folder);
            }
        }
    }

    internal static string SafeFileName(string name)
    {
        var last = name.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "";
        var cleaned = new string(last.Where(c => !char.IsControl(c) && !Path.GetInvalidFileNameChars().Contains(c)).ToArray()).Trim();
        if (cleaned is "" or "." or "..") cleaned = "upload";
        return cleaned.Length <= 200 ? cleaned : cleaned[^200..];
    }

    private static string Describe(IReadOnlyList<string> names)
    {
        var text = string.Join(", ", names.Take(5)) + (names.Count > 5 ? $" and {names.Count - 5} more" : "");
        return text.Length <= 500 ? text : text[..499] + "…";
    }
}
