using System.IO.Compression;
using NewsCluster.Ingestion.Pipeline;

namespace NewsCluster.Ingestion.Archives;

/// <summary>
/// Reads a zip entry by entry from its central directory. Zip needs a seekable stream; a non-seekable one (an upload,
/// a zip inside a tar) is spooled to a temporary file first, never to memory.
/// </summary>
internal static class ZipEntries
{
    private const int UnixFileTypeMask = 0xF000;
    private const int UnixSymbolicLink = 0xA000;

    public static IEnumerable<ParsedItem> Read(string path, Stream stream, ReadScope scope, DocumentRouter router)
    {
        using var spooled = stream.CanSeek ? null : TemporarySpool.From(stream);
        using var archive = new ZipArchive(spooled ?? stream, ZipArchiveMode.Read, leaveOpen: true);
        foreach (var entry in archive.Entries)
        {
            if (entry.FullName.EndsWith('/') && entry.Length == 0) continue;
            scope.Budget.CountEntry();
            var (name, unsafeReason) = EntryPaths.Check(entry.FullName);
            var entryPath = $"{path}/{name}";
            var refusal = unsafeReason ?? LinkRefusal(entry) ?? SizeRefusal(entry, scope.Limits);
            if (refusal is not null)
            {
                yield return ParsedItem.Rejected(entryPath, refusal);
                continue;
            }
            foreach (var item in router.ReadEntry(entryPath, name, () => Open(entry, entryPath, scope), scope)) yield return item;
        }
    }

    private static Stream Open(ZipArchiveEntry entry, string entryPath, ReadScope scope) =>
        new MeteredStream(entry.Open(), () => entry.CompressedLength, scope, $"the entry '{entryPath}'");

    private static string? LinkRefusal(ZipArchiveEntry entry) =>
        ((entry.ExternalAttributes >> 16) & UnixFileTypeMask) == UnixSymbolicLink ? EntryPaths.LinkReason(entry.FullName, null) : null;

    /// <summary>Refuses what the directory already admits is too big; the metered stream catches entries that lie.</summary>
    private static string? SizeRefusal(ZipArchiveEntry entry, IngestionLimits limits)
    {
        if (entry.Length > limits.MaxFileBytes)
            return $"{RejectionKeywords.TooLarge}: the entry expands to {Bytes.Describe(entry.Length)}, over the limit of {Bytes.Describe(limits.MaxFileBytes)}";
        if (entry.Length > MeteredStream.RatioGraceBytes && entry.Length > limits.MaxExpansionRatio * Math.Max(1, entry.CompressedLength))
            return $"{RejectionKeywords.TooLarge}: the entry expands {entry.Length / (double)Math.Max(1, entry.CompressedLength):0}× its compressed size, over the limit of {limits.MaxExpansionRatio:0}× (a decompression bomb?)";
        return null;
    }
}

/// <summary>A temporary file that deletes itself on close, for formats that must seek in streamed input.</summary>
internal static class TemporarySpool
{
    public static FileStream From(Stream source)
    {
        var file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose);
        try
        {
            source.CopyTo(file);
            file.Position = 0;
            return file;
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }
}
