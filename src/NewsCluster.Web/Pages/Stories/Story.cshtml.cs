using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NewsCluster.Web.Data;

namespace NewsCluster.Web.Pages.Stories;

public sealed class StoryModel(NewsDbContext db) : PageModel
{
    public sealed record ArticleRow(long Id, string Title, string? Source, DateTime? PublishedUtc, string OriginPath, double Similarity);

    public StoryCluster Story { get; private set; } = null!;
    public IReadOnlyList<ArticleRow> Articles { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        var story = await db.Clusters.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (story is null) return NotFound();
        Story = story;
        Articles = await db.Articles.AsNoTracking().Where(a => a.ClusterId == id)
            .OrderBy(a => a.PublishedUtc ?? a.ImportedUtc).ThenBy(a => a.Id)
            .Select(a => new ArticleRow(a.Id, a.Title, a.Source, a.PublishedUtc, a.OriginPath, a.Similarity))
            .ToListAsync(cancellationToken);
        return Page();
    }
}
