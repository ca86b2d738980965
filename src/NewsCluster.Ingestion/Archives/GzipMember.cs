using System.IO.Compression;
using NewsCluster.Ingestion.Pipeline;

namespace NewsCluster.Ingestion.Archives;

/// <summary>
/// Decompresses a .gz (or .tgz, .warc.gz) as a stream and reads what is inside under the name without ".gz". Items
/// keep the outer path ("dump.jsonl.gz#3", "site.tar.gz/a.html"), since a gzip holds exactly one file.
/// </summary>
internal static class GzipMember
{
    public static IEnumerable<ParsedItem> Read(string path, string name, Stream stream, ReadScope scope, DocumentRouter router)
    {
        var compressed = new CountingStream(stream);
        // GZipStream reads concatenated members, which is how .warc.gz stores one member per record.
        var inflated = new MeteredStream(new GZipStream(compressed, CompressionMode.Decompress, leaveOpen: true), () => compressed.BytesRead, scope, $"'{path}'");
        return router.ReadEntry(path, FormatSniffer.NameInsideGzip(name), () => inflated, scope);
    }
}
