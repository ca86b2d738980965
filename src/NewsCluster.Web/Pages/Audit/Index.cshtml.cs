using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NewsCluster.Web.Data;
using NewsCluster.Web.Editing;

namespace NewsCluster.Web.Pages.Audit;

public sealed class IndexModel(NewsDbContext db, ClusterEditor editor) : EditorPageModel
{
    public const int PageSize = 100;

    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];
    public int PageNumber { get; private set; }
    public bool HasNextPage { get; private set; }

    public async Task OnGetAsync(int p = 1, CancellationToken cancellationToken = default)
    {
        PageNumber = Math.Max(1, p);
        var rows = await db.Audit.AsNoTracking().OrderByDescending(e => e.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize + 1).ToListAsync(cancellationToken);
        HasNextPage = rows.Count > PageSize;
        Entries = rows.Take(PageSize).ToList();
    }

    public bool CanUndo(AuditEntry entry) => IsEditor && ClusterEditor.IsUndoable(entry) && entry.UndoneUtc is null;

    public Task<IActionResult> OnPostUndoAsync(long entryId, CancellationToken ct) =>
        EditAsync(() => editor.UndoAsync(EditorName, entryId, ct), r => r?.ClusterId is { } id && db.Clusters.Any(c => c.Id == id)
            ? RedirectToPage("/Stories/Story", new { id })
            : RedirectToPage());
}
