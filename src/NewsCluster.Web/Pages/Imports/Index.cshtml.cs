using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NewsCluster.Web.Data;

namespace NewsCluster.Web.Pages.Imports;

/// <summary>Every import, newest first, so an upload left running can be found again.</summary>
public sealed class ImportsModel(NewsDbContext db) : PageModel
{
    public const int PageSize = 50;

    public sealed record ImportRow(
        long Id, ImportStatus Status, string Description, int Files, long Bytes, DateTime CreatedUtc, int Processed, int Ingested, int Duplicates, int Rejected);

    public IReadOnlyList<ImportRow> Imports { get; private set; } = [];
    public int PageNumber { get; private set; }
    public int TotalImports { get; private set; }
    public int PageCount => Math.Max(1, (TotalImports + PageSize - 1) / PageSize);
    public bool AnyActive => Imports.Any(i => i.Status is ImportStatus.Queued or ImportStatus.Running);

    public async Task OnGetAsync(int p = 1, CancellationToken cancellationToken = default)
    {
        TotalImports = await db.Imports.CountAsync(cancellationToken);
        PageNumber = Math.Clamp(p, 1, PageCount);
        Imports = await db.Imports.AsNoTracking()
            .OrderByDescending(j => j.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(j => new ImportRow(j.Id, j.Status, j.Description, j.FileCount, j.TotalBytes, j.CreatedUtc, j.ItemsDone, j.Ingested, j.Duplicates, j.Rejected))
            .ToListAsync(cancellationToken);
    }
}
