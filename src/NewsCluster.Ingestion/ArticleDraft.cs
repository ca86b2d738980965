namespace NewsCluster.Ingestion;

/// <summary>An article as ingestion extracted it, before it is stored.</summary>
public sealed record ArticleDraft
{
    public required string Title { get; init; }
    public DateTimeOffset? Published { get; init; }
    public string? Byline { get; init; }
    public string? Source { get; init; }
    public string? Url { get; init; }
    /// <summary>A BCP 47 language tag when the input declared one (HTML <c>lang</c>, a JSON field); never guessed.</summary>
    public string? Language { get; init; }
    /// <summary>The cleaned, normalised article body: paragraphs separated by blank lines, scraping noise removed.</summary>
    public required string Text { get; init; }
    /// <summary>The decoded input as it came in (the page, the file, or a JSON record's body field), kept so pages can show raw beside cleaned.</summary>
    public required string RawText { get; init; }
    /// <summary>
    /// Lower-case hex SHA-256 of <see cref="Text"/> in UTF-8: equal hashes mean exactly the same cleaned text. Empty when
    /// the reader was told not to compute it (<see cref="ArticleReader.ComputeContentHash"/>).
    /// </summary>
    public required string ContentHash { get; init; }
}
