using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NewsCluster.Web.Data;

namespace NewsCluster.Web.Pages;

public sealed class IndexModel(NewsDbContext db) : PageModel
{
    public const int PageSize = 50;

    public sealed record StoryRow(long Id, string Headline, int ArticleCount, int SourceCount, DateTime FirstSeenUtc, DateTime LastSeenUtc);

    public IReadOnlyList<StoryRow> Stories { get; private set; } = [];
    public int PageNumber { get; private set; }
    public int TotalStories { get; private set; }
    public bool HasNextPage => PageNumber * PageSize < TotalStories;

    public async Task OnGetAsync(int p = 1, CancellationToken cancellationToken = default)
    {
        PageNumber = Math.Max(1, p);
        TotalStories = await db.Clusters.CountAsync(cancellationToken);
        Stories = await db.Clusters.AsNoTracking()
            .OrderByDescending(c => c.LastSeenUtc).ThenByDescending(c => c.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(c => new StoryRow(c.Id, c.Headline, c.ArticleCount, c.SourceCount, c.FirstSeenUtc, c.LastSeenUtc))
            .ToListAsync(cancellationToken);
    }
}
