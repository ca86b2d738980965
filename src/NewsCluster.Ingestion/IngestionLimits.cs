namespace NewsCluster.Ingestion;

/// <summary>
/// Bounds that keep hostile or huge input from exhausting memory, disk or time. A plain record with init properties so
/// the web app can bind it from configuration; anything past a bound becomes a <c>too large:</c> rejection.
/// </summary>
public sealed record IngestionLimits
{
    /// <summary>Largest input file or upload read at all. Archives and JSON Lines are streamed, so this may exceed memory.</summary>
    public long MaxFileBytes { get; init; } = 2L * 1024 * 1024 * 1024;

    /// <summary>Largest single document held in memory: a plain file, an archive entry, a JSON Lines line or a WARC record.</summary>
    public long MaxEntryBytes { get; init; } = 32L * 1024 * 1024;

    /// <summary>Largest ratio of expanded to compressed bytes, judged once an entry or stream has expanded past 1 MiB.</summary>
    public double MaxExpansionRatio { get; init; } = 200;

    /// <summary>Largest number of bytes one archive (with everything nested in it) may expand to.</summary>
    public long MaxTotalExpandedBytes { get; init; } = 16L * 1024 * 1024 * 1024;

    /// <summary>Largest number of entries (files and WARC records) read from one archive, nested ones included.</summary>
    public int MaxEntries { get; init; } = 200_000;

    /// <summary>Deepest element nesting accepted in an HTML page; deeper pages are refused before parsing.</summary>
    public int MaxHtmlDepth { get; init; } = 512;

    /// <summary>How many archives may nest inside one another (a .zip inside a .tar.gz is 2).</summary>
    public int MaxArchiveNesting { get; init; } = 3;

    /// <summary>Deepest nesting accepted inside one JSON record.</summary>
    public int MaxJsonDepth { get; init; } = 64;

    public static IngestionLimits Default { get; } = new();
}
