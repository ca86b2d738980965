using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using NewsCluster.Engine.Clustering;
using NewsCluster.Web.Clustering;
using NewsCluster.Web.Data;
using NewsCluster.Web.Editing;

namespace NewsCluster.Web.Pages.Articles;

public sealed class ArticleModel(NewsDbContext db, StoryIndexHolder index, ClusterEditor editor, IMemoryCache cache) : EditorPageModel
{
    public const int NeighbourCount = 6;

    public sealed record Neighbour(long Id, string Title, string? Source, long ClusterId, string ClusterHeadline, double Similarity, PairExplanation Explanation);

    public Article Article { get; private set; } = null!;
    public string ClusterHeadline { get; private set; } = "";
    public IReadOnlyList<Neighbour> Neighbours { get; private set; } = [];

    /// <summary>Only web addresses become links; anything else in an untrusted URL field is shown as text.</summary>
    public Uri? SafeUrl => Uri.TryCreate(Article.Url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri : null;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        var article = await db.Articles.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (article is null) return NotFound();
        Article = article;
        ClusterHeadline = await db.Clusters.Where(c => c.Id == article.ClusterId).Select(c => c.Headline).SingleAsync(cancellationToken);

        // Neighbours and their explanations depend only on the stored texts and the indexed corpus, so they are
        // reused until the index changes size (any import or removal); cluster membership is read fresh below.
        var indexSize = index.Index.ArticleCount;
        var explained = await cache.GetOrCreateAsync($"neighbours:{id}:{indexSize}", async entry =>
        {
            entry.Size = 1;
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(10);
            return await ExplainNeighboursAsync(article, cancellationToken);
        });
        IReadOnlyList<Neighbour> near = explained ?? [];
        var ids = near.Select(n => n.Id).ToList();
        var clusters = await db.Articles.AsNoTracking().Where(a => ids.Contains(a.Id))
            .Select(a => new { a.Id, a.ClusterId, Headline = a.Cluster!.Headline })
            .ToDictionaryAsync(a => a.Id, cancellationToken);
        Neighbours = near.Where(n => clusters.ContainsKey(n.Id))
            .Select(n => n with { ClusterId = clusters[n.Id].ClusterId, ClusterHeadline = clusters[n.Id].Headline })
            .ToList();
        return Page();
    }

    private async Task<IReadOnlyList<Neighbour>> ExplainNeighboursAsync(Article article, CancellationToken cancellationToken)
    {
        var nearest = index.Index.Neighbours(article.Id, NeighbourCount);
        var ids = nearest.Select(n => n.ArticleId).ToList();
        var others = await db.Articles.AsNoTracking().Where(a => ids.Contains(a.Id))
            .Select(a => new { a.Id, a.Title, a.Text, a.Source })
            .ToDictionaryAsync(a => a.Id, cancellationToken);
        var explainer = new PairExplainer(index.Options);
        var self = new ClusterInput(article.Id, article.Title, article.Text);
        return nearest.Where(n => others.ContainsKey(n.ArticleId)).Select(n =>
        {
            var other = others[n.ArticleId];
            return new Neighbour(other.Id, other.Title, other.Source, 0, "", n.Similarity,
                explainer.Explain(self, new ClusterInput(other.Id, other.Title, other.Text)));
        }).ToList();
    }

    public Task<IActionResult> OnPostMoveAsync(long id, long targetId, CancellationToken ct) =>
        EditAsync(() => editor.MoveAsync(EditorName, id, targetId, null, ct), _ => RedirectToPage(new { id }));
}
