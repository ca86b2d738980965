namespace NewsCluster.Web.Data;

/// <summary>A story: every rewrite and copy of the same news event.</summary>
public sealed class StoryCluster
{
    public long Id { get; set; }
    public required string Headline { get; set; }
    public int ArticleCount { get; set; }
    public int SourceCount { get; set; }
    public DateTime FirstSeenUtc { get; set; }
    public DateTime LastSeenUtc { get; set; }
    /// <summary>Lowest member similarity; close to the threshold means the cluster is worth a look.</summary>
    public double MinSimilarity { get; set; }
    public DateTime UpdatedUtc { get; set; }
    /// <summary>A locked cluster is left as it is by imports and re-clustering.</summary>
    public bool IsLocked { get; set; }
    /// <summary>Set when an editor renamed the cluster; the automatic headline no longer replaces it.</summary>
    public bool HeadlineByEditor { get; set; }
    /// <summary>Bumped on every change; two editors acting on the same cluster cannot both win.</summary>
    public int Version { get; set; }
    public List<Article> Articles { get; set; } = [];
}
