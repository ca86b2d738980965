using System.Formats.Tar;
using NewsCluster.Ingestion.Pipeline;

namespace NewsCluster.Ingestion.Archives;

/// <summary>Reads a tar stream entry by entry, in one forward pass; links and special files are refused, folders skipped.</summary>
internal static class TarEntries
{
    public static IEnumerable<ParsedItem> Read(string path, Stream stream, ReadScope scope, DocumentRouter router)
    {
        using var tar = new TarReader(stream, leaveOpen: true);
        while (tar.GetNextEntry(copyData: false) is { } entry)
        {
            if (entry.EntryType == TarEntryType.Directory) continue;
            scope.Budget.CountEntry();
            var (name, unsafeReason) = EntryPaths.Check(entry.Name);
            var entryPath = $"{path}/{name}";
            var refusal = unsafeReason ?? TypeRefusal(entry);
            if (refusal is not null)
            {
                yield return ParsedItem.Rejected(entryPath, refusal);
                continue;
            }
            if (entry.DataStream is null || entry.Length == 0)
            {
                yield return ParsedItem.Rejected(entryPath, $"{RejectionKeywords.Empty}: the file is empty (0 bytes)");
                continue;
            }
            var data = entry.DataStream;
            foreach (var item in router.ReadEntry(entryPath, name, () => new UnclosingStream(data), scope)) yield return item;
        }
    }

    private static string? TypeRefusal(TarEntry entry) => entry.EntryType switch
    {
        TarEntryType.SymbolicLink or TarEntryType.HardLink => EntryPaths.LinkReason(entry.Name, entry.LinkName),
        TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile => null,
        _ => $"{RejectionKeywords.UnsupportedFormat}: '{entry.Name}' is a special file ({entry.EntryType}), not a document",
    };
}

/// <summary>Lets a reader dispose what it was given without closing the tar's own entry stream under it.</summary>
internal sealed class UnclosingStream(Stream inner) : ForwardOnlyStream
{
    public override int Read(Span<byte> buffer) => inner.Read(buffer);
}
