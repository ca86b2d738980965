namespace NewsCluster.Web.Data;

public enum ImportStatus { Queued, Running, Done, Failed }

public enum ImportItemStatus { Ingested, Duplicate, Rejected }

/// <summary>One upload: its files wait in <see cref="Folder"/> until the background worker has read them.</summary>
public sealed class ImportJob
{
    public long Id { get; set; }
    public ImportStatus Status { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime? StartedUtc { get; set; }
    public DateTime? FinishedUtc { get; set; }
    /// <summary>The uploaded file names, for lists.</summary>
    public required string Description { get; set; }
    public int FileCount { get; set; }
    public long TotalBytes { get; set; }
    /// <summary>Private folder holding the uploaded files; deleted once the import ends.</summary>
    public required string Folder { get; set; }
    /// <summary>Items committed so far, in reading order; a resumed import skips this many.</summary>
    public int ItemsDone { get; set; }
    public int Ingested { get; set; }
    public int Duplicates { get; set; }
    public int Rejected { get; set; }
    public string? Error { get; set; }
    public List<ImportItem> Items { get; set; } = [];
}

/// <summary>What became of one file, archive entry or JSON record of an import.</summary>
public sealed class ImportItem
{
    public long Id { get; set; }
    public long ImportId { get; set; }
    public required string Name { get; set; }
    public ImportItemStatus Status { get; set; }
    public string? Reason { get; set; }
    public long? ArticleId { get; set; }
}

/// <summary>The content hash of an article an editor removed: the same text is not imported again.</summary>
public sealed class Tombstone
{
    public required string ContentHash { get; set; }
    public DateTime RemovedUtc { get; set; }
    public required string Title { get; set; }
}
