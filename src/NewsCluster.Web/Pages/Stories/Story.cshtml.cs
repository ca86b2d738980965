using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using NewsCluster.Web.Clustering;
using NewsCluster.Web.Data;
using NewsCluster.Web.Editing;
using NewsCluster.Web.Stories;

namespace NewsCluster.Web.Pages.Stories;

public sealed class StoryModel(NewsDbContext db, ClusterEditor editor, StoryIndexHolder index, IMemoryCache cache) : EditorPageModel
{
    public const int MaxColumns = 4;

    public sealed record ArticleRow(long Id, string Title, string? Source, DateTime? PublishedUtc, DateTime ImportedUtc, string OriginPath,
        double Similarity, long? CopyOfId)
    {
        public DateTime SeenUtc => PublishedUtc ?? ImportedUtc;
    }

    /// <summary>One distinct wording of the story with the copies that repeat it.</summary>
    public sealed record Variant(ArticleRow Article, IReadOnlyList<ArticleRow> Copies);

    public sealed record Column(ArticleRow Article, DiffedText Text);

    public StoryCluster Story { get; private set; } = null!;
    public IReadOnlyList<ArticleRow> Timeline { get; private set; } = [];
    public IReadOnlyList<Variant> Variants { get; private set; } = [];
    public IReadOnlyList<Column> Columns { get; private set; } = [];
    public double Threshold => index.Options.StoryThreshold;
    public bool IsSuspect => Story.ArticleCount > 1 && Story.MinSimilarity < Threshold + 0.05;

    public async Task<IActionResult> OnGetAsync(long id, [FromQuery] long[]? compare, CancellationToken cancellationToken)
    {
        var story = await db.Clusters.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (story is null) return NotFound();
        Story = story;
        Timeline = await db.Articles.AsNoTracking().Where(a => a.ClusterId == id)
            .OrderBy(a => a.PublishedUtc ?? a.ImportedUtc).ThenBy(a => a.Id)
            .Select(a => new ArticleRow(a.Id, a.Title, a.Source, a.PublishedUtc, a.ImportedUtc, a.OriginPath, a.Similarity, a.CopyOfId))
            .ToListAsync(cancellationToken);
        Variants = GroupVariants(Timeline);

        var chosen = (compare ?? []).Where(c => Variants.Any(v => v.Article.Id == c)).Distinct().Take(MaxColumns).ToList();
        if (chosen.Count == 0) chosen = Variants.Take(2).Select(v => v.Article.Id).ToList();
        // Article text never changes once stored, so a comparison of the same articles can be reused.
        var texts = await cache.GetOrCreateAsync("diff:" + string.Join(',', chosen), async entry =>
        {
            entry.Size = 1;
            entry.SlidingExpiration = TimeSpan.FromMinutes(10);
            var stored = await db.Articles.AsNoTracking().Where(a => chosen.Contains(a.Id))
                .Select(a => new { a.Id, a.Text }).ToDictionaryAsync(a => a.Id, a => a.Text, cancellationToken);
            return CompareTexts(chosen.Select(id => stored[id]).ToList());
        });
        Columns = chosen.Select((id, i) => new Column(Timeline.Single(a => a.Id == id), texts![i])).ToList();
        return Page();
    }

    public Task<IActionResult> OnPostSplitAsync(long id, long[] articleIds, int version, CancellationToken ct) =>
        EditAsync(() => editor.SplitAsync(EditorName, id, articleIds, version, ct), r => RedirectToPage(new { id = r?.ClusterId ?? id }));

    public Task<IActionResult> OnPostMergeAsync(long id, long otherId, int version, CancellationToken ct) =>
        EditAsync(() => editor.MergeAsync(EditorName, [id, otherId], null, ct), r => RedirectToPage(new { id = r?.ClusterId ?? id }));

    public Task<IActionResult> OnPostMoveAsync(long id, long articleId, long targetId, CancellationToken ct) =>
        EditAsync(() => editor.MoveAsync(EditorName, articleId, targetId, null, ct), _ => RedirectToPage(new { id }));

    public Task<IActionResult> OnPostRenameAsync(long id, string headline, int version, CancellationToken ct) =>
        EditAsync(() => editor.RenameAsync(EditorName, id, headline ?? "", version, ct), _ => RedirectToPage(new { id }));

    public Task<IActionResult> OnPostLockAsync(long id, bool locked, int version, CancellationToken ct) =>
        EditAsync(() => editor.SetLockedAsync(EditorName, id, locked, version, ct), _ => RedirectToPage(new { id }));

    public Task<IActionResult> OnPostRemoveAsync(long id, long articleId, CancellationToken ct) =>
        EditAsync(() => editor.RemoveArticleAsync(EditorName, articleId, ct),
            _ => db.Clusters.Any(c => c.Id == id) ? RedirectToPage(new { id }) : RedirectToPage("/Index"));

    /// <summary>Copies fold under the variant they repeat (following chains of copies to the first wording).</summary>
    internal static IReadOnlyList<Variant> GroupVariants(IReadOnlyList<ArticleRow> articles)
    {
        var byId = articles.ToDictionary(a => a.Id);
        long Root(ArticleRow a)
        {
            var current = a;
            for (var hops = 0; current.CopyOfId is { } parent && byId.TryGetValue(parent, out var next) && hops < articles.Count; hops++) current = next;
            return current.Id;
        }
        var roots = articles.ToLookup(Root);
        return articles.Where(a => Root(a) == a.Id)
            .Select(a => new Variant(a, roots[a.Id].Where(c => c.Id != a.Id).ToList()))
            .ToList();
    }

    /// <summary>The first text is the base; every other marks its words that differ from the base, and the base marks its words missing from the second.</summary>
    private static IReadOnlyList<DiffedText> CompareTexts(IReadOnlyList<string> texts)
    {
        if (texts.Count == 0) return [];
        if (texts.Count == 1) return [WordDiff.Plain(texts[0])];
        var columns = new List<DiffedText>();
        DiffedText? baseDiffed = null;
        foreach (var other in texts.Skip(1))
        {
            var (b, o) = WordDiff.Compare(texts[0], other);
            baseDiffed ??= b;
            columns.Add(o);
        }
        columns.Insert(0, baseDiffed!);
        return columns;
    }
}
