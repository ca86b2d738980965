namespace NewsCluster.Ingestion;

/// <summary>An article as ingestion extracted it, before it is stored.</summary>
public sealed record ArticleDraft
{
    public required string Title { get; init; }
    public DateTimeOffset? Published { get; init; }
    public string? Byline { get; init; }
    public string? Source { get; init; }
    public string? Url { get; init; }
    public string? Language { get; init; }
    /// <summary>The cleaned article body: paragraphs separated by blank lines, scraping noise removed.</summary>
    public required string Text { get; init; }
    /// <summary>The decoded text as it came in, kept so pages can show raw beside cleaned.</summary>
    public required string RawText { get; init; }
}

/// <summary>
/// What became of one input item (a file, an archive entry or a JSON record): an article, or a reason it was refused.
/// </summary>
public sealed record ParsedItem(string Path, ArticleDraft? Article, string? RejectionReason)
{
    public bool IsRejected => Article is null;

    public static ParsedItem Ok(string path, ArticleDraft article) => new(path, article, null);

    public static ParsedItem Rejected(string path, string reason) => new(path, null, reason);
}
