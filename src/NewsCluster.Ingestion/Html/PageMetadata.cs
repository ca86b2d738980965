namespace NewsCluster.Ingestion.Html;

/// <summary>What a page says about itself in its head, structured data and markup.</summary>
internal sealed record PageMetadata
{
    public string? Title { get; init; }
    public DateTimeOffset? Published { get; init; }
    public string? Byline { get; init; }
    public string? Source { get; init; }
    public string? Url { get; init; }
    public string? Language { get; init; }
}
