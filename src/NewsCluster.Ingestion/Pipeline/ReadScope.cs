namespace NewsCluster.Ingestion.Pipeline;

/// <summary>
/// Counts what one top-level input has expanded to, across every archive nested in it, so a bomb cannot hide by
/// spreading itself over many small entries or layers.
/// </summary>
internal sealed class ExpansionBudget(IngestionLimits limits)
{
    private long _expandedBytes;
    private int _entries;

    public void CountEntry()
    {
        if (++_entries > limits.MaxEntries)
            throw RejectedException.Because(RejectionKeywords.TooLarge, $"the archive holds more than {limits.MaxEntries} entries");
    }

    public void CountExpanded(long bytes)
    {
        _expandedBytes += bytes;
        if (_expandedBytes > limits.MaxTotalExpandedBytes)
            throw RejectedException.Because(RejectionKeywords.TooLarge,
                $"the archive expands to more than {Bytes.Describe(limits.MaxTotalExpandedBytes)} in total");
    }
}

/// <summary>Where a read happens: the limits, how deep inside archives, and the budget of the top-level input.</summary>
internal sealed record ReadScope(IngestionLimits Limits, int ArchiveDepth, ExpansionBudget Budget)
{
    public static ReadScope TopLevel(IngestionLimits limits) => new(limits, 0, new ExpansionBudget(limits));

    public ReadScope InsideArchive() => this with { ArchiveDepth = ArchiveDepth + 1 };
}
