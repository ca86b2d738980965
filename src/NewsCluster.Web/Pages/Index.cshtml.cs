using Microsoft.AspNetCore.Mvc;
using NewsCluster.Web.Editing;
using NewsCluster.Web.Stories;

namespace NewsCluster.Web.Pages;

public sealed class IndexModel(StoryQueries queries, ClusterEditor editor) : EditorPageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Sort { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Suspect { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public StoryPage Stories { get; private set; } = new([], 0, 1, StoryQueries.PageSize);

    public double SuspectBelow => queries.SuspectBelow;

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Stories = await queries.ListAsync(new StoryFilter(Q, StoryEndpoints.ParseSort(Sort), Suspect, PageNumber), cancellationToken);

    public Task<IActionResult> OnPostMergeAsync(long[] clusterIds, CancellationToken ct) =>
        EditAsync(() => editor.MergeAsync(EditorName, clusterIds, null, ct),
            r => r?.ClusterId is { } id ? RedirectToPage("/Stories/Story", new { id }) : RedirectToPage(new { Q, Sort, Suspect, p = PageNumber }));

    /// <summary>The list's own address with one setting changed, for sort, filter and paging links.</summary>
    public string Link(int? page = null, string? sort = null, bool? suspect = null)
    {
        var query = new List<string>();
        if (!string.IsNullOrWhiteSpace(Q)) query.Add("q=" + Uri.EscapeDataString(Q));
        var s = sort ?? Sort;
        if (s == "size") query.Add("sort=size");
        if (suspect ?? Suspect) query.Add("suspect=true");
        var p = page ?? PageNumber;
        if (p > 1) query.Add("p=" + p);
        return "/" + (query.Count > 0 ? "?" + string.Join("&", query) : "");
    }
}
