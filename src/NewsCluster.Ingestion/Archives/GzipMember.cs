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
        var innerName = FormatSniffer.NameInsideGzip(name);
        var compressed = new CountingStream(stream);
        // GZipStream reads concatenated members, which is how .warc.gz stores one member per record.
        var inflated = new MeteredStream(new GZipStream(compressed, CompressionMode.Decompress, leaveOpen: true), () => compressed.BytesRead, scope, $"'{path}'");
        var checkEnd = !innerName.EndsWith(".warc", StringComparison.OrdinalIgnoreCase);
        return router.ReadEntry(path, innerName, () => checkEnd ? new TruncationCheck(inflated, compressed) : inflated, scope);
    }

    /// <summary>
    /// .NET's GZipStream ends quietly when its input is cut short. A complete gzip ends with ISIZE, the inflated size
    /// modulo 2^32, so a mismatch at the end means truncation. WARC files are multi-member (ISIZE covers only the last
    /// record) and are skipped here: their own record framing detects truncation.
    /// </summary>
    private sealed class TruncationCheck(Stream inflated, CountingStream compressed) : ForwardOnlyStream
    {
        private long _inflatedBytes;

        public override int Read(Span<byte> buffer)
        {
            var n = inflated.Read(buffer);
            _inflatedBytes += n;
            if (n == 0 && buffer.Length > 0 && compressed.LastFourBytes != (uint)_inflatedBytes)
                throw RejectedException.Because(RejectionKeywords.CorruptArchive, "the gzip data ends early (truncated or damaged)");
            return n;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) inflated.Dispose();
            base.Dispose(disposing);
        }

        protected override long ReadSoFar => _inflatedBytes;
    }
}
