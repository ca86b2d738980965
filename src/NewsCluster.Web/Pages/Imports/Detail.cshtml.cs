using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NewsCluster.Web.Data;

namespace NewsCluster.Web.Pages.Imports;

/// <summary>One import: its status and counts (refreshed while it runs) and a paged table of per-item outcomes.</summary>
public sealed class ImportDetailModel(NewsDbContext db) : PageModel
{
    public const int PageSize = 200;

    public sealed record ItemRow(long Id, string Name, ImportItemStatus Status, string? Reason, long? ArticleId, string? ArticleTitle);

    public ImportJob Import { get; private set; } = null!;
    public IReadOnlyList<ItemRow> Items { get; private set; } = [];
    /// <summary>The outcome the table is filtered to, or null for all items.</summary>
    public ImportItemStatus? Show { get; private set; }
    public int PageNumber { get; private set; }
    public int MatchingItems { get; private set; }
    public int PageCount => Math.Max(1, (MatchingItems + PageSize - 1) / PageSize);
    public bool IsActive => Import.Status is ImportStatus.Queued or ImportStatus.Running;

    public async Task<IActionResult> OnGetAsync(long id, string? show, int p = 1, CancellationToken cancellationToken = default)
    {
        var import = await db.Imports.AsNoTracking().SingleOrDefaultAsync(j => j.Id == id, cancellationToken);
        if (import is null) return NotFound();
        Import = import;
        Show = Enum.TryParse<ImportItemStatus>(show, ignoreCase: true, out var status) && Enum.IsDefined(status) && !int.TryParse(show, out _)
            ? status
            : null;

        var items = db.ImportItems.AsNoTracking().Where(i => i.ImportId == id);
        if (Show is { } only) items = items.Where(i => i.Status == only);
        MatchingItems = await items.CountAsync(cancellationToken);
        PageNumber = Math.Clamp(p, 1, PageCount);

        var rows = await items.OrderBy(i => i.Id).Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(i => new { i.Id, i.Name, i.Status, i.Reason, i.ArticleId })
            .ToListAsync(cancellationToken);
        var articleIds = rows.Where(r => r.ArticleId is not null).Select(r => r.ArticleId!.Value).Distinct().ToList();
        var titles = await db.Articles.AsNoTracking().Where(a => articleIds.Contains(a.Id))
            .Select(a => new { a.Id, a.Title })
            .ToDictionaryAsync(a => a.Id, a => a.Title, cancellationToken);
        Items = rows.Select(r => new ItemRow(r.Id, r.Name, r.Status, r.Reason, r.ArticleId,
            r.ArticleId is { } articleId ? titles.GetValueOrDefault(articleId) : null)).ToList();
        return Page();
    }

    /// <summary>The link to another page of the table, keeping the filter.</summary>
    public string PageUrl(int page, ImportItemStatus? show) =>
        Url.Page("/Imports/Detail", new { id = Import.Id, show = show?.ToString().ToLowerInvariant(), p = page > 1 ? page : (int?)null })!;

    public static string StatusName(ImportStatus status) => status.ToString().ToLowerInvariant();

    public static string BadgeClass(ImportStatus status) => status switch
    {
        ImportStatus.Queued => "text-bg-secondary",
        ImportStatus.Running => "text-bg-primary",
        ImportStatus.Done => "text-bg-success",
        _ => "text-bg-danger",
    };

    public static string BadgeClass(ImportItemStatus status) => status switch
    {
        ImportItemStatus.Ingested => "text-bg-success",
        ImportItemStatus.Duplicate => "text-bg-secondary",
        _ => "text-bg-danger",
    };
}
