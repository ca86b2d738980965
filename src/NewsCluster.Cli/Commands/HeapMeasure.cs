namespace NewsCluster.Cli.Commands;

internal static class HeapMeasure
{
    /// <summary>
    /// Live heap bytes after a full, compacting collection that also compacts the large-object heap, so that large
    /// arrays freed by earlier stages (flat signature tables, scratch buffers) do not count as fragmentation.
    /// </summary>
    public static long CompactedHeapBytes()
    {
        System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
