namespace NewsCluster.Web.Data;

/// <summary>A stored article. It belongs to exactly one story cluster.</summary>
public sealed class Article
{
    public long Id { get; set; }
    public required string Title { get; set; }
    public DateTime? PublishedUtc { get; set; }
    public DateTime ImportedUtc { get; set; }
    public string? Byline { get; set; }
    public string? Source { get; set; }
    public string? Url { get; set; }
    public string? Language { get; set; }
    /// <summary>Where the article came from: file name, archive entry or JSON record.</summary>
    public required string OriginPath { get; set; }
    public required string Text { get; set; }
    public required string RawText { get; set; }
    /// <summary>Hex SHA-256 of the cleaned text; unique, so an exact re-upload is recognised.</summary>
    public required string ContentHash { get; set; }
    public long ClusterId { get; set; }
    public StoryCluster? Cluster { get; set; }
    /// <summary>Average similarity to the other members of its cluster (1 for a cluster of one).</summary>
    public double Similarity { get; set; }
    /// <summary>The earlier article this one nearly duplicates (syndicated copy, re-upload); shown folded under it.</summary>
    public long? CopyOfId { get; set; }
    /// <summary>The engine's fingerprint (MinHash signatures and weighted terms), so the index loads without re-reading text.</summary>
    public byte[]? Fingerprint { get; set; }
}
