namespace NewsCluster.Ingestion;

/// <summary>
/// What became of one input item (a file, an archive entry or a JSON record): an article, or a reason it was refused.
/// </summary>
/// <param name="Path">
/// Where the item came from: a path relative to the folder read, <c>archive.zip/inner/path.html</c> for archive entries,
/// <c>dump.jsonl#12</c> for a JSON Lines record (1-based line) and <c>dump.json#3</c> for an array element (0-based index).
/// </param>
public sealed record ParsedItem(string Path, ArticleDraft? Article, string? RejectionReason)
{
    public bool IsRejected => Article is null;

    /// <summary>The stable first word of <see cref="RejectionReason"/> (one of <see cref="RejectionKeywords"/>), or null when ingested.</summary>
    public string? RejectionKeyword => RejectionReason is null ? null : RejectionKeywords.Of(RejectionReason);

    public static ParsedItem Ok(string path, ArticleDraft article) => new(path, article, null);

    public static ParsedItem Rejected(string path, string reason) => new(path, null, reason);
}
