using NewsCluster.Ingestion.Pipeline;
namespace NewsCluster.Ingestion.Json { internal static class JsonArticleReader {
 public static IEnumerable<ParsedItem> ReadDocument(string p, byte[] b, IngestionLimits l) => [ParsedItem.Rejected(p, "unsupported format: not yet")];
 public static IEnumerable<ParsedItem> ReadLines(string p, Stream s, IngestionLimits l) => [ParsedItem.Rejected(p, "unsupported format: not yet")]; } }
namespace NewsCluster.Ingestion.Archives {
 internal static class ZipEntries { public static IEnumerable<ParsedItem> Read(string p, Stream s, ReadScope r, DocumentRouter d) => [ParsedItem.Rejected(p, "unsupported format: not yet")]; }
 internal static class TarEntries { public static IEnumerable<ParsedItem> Read(string p, Stream s, ReadScope r, DocumentRouter d) => [ParsedItem.Rejected(p, "unsupported format: not yet")]; }
 internal static class GzipMember { public static IEnumerable<ParsedItem> Read(string p, string n, Stream s, ReadScope r, DocumentRouter d) => [ParsedItem.Rejected(p, "unsupported format: not yet")]; }
 internal static class WarcRecords { public static IEnumerable<ParsedItem> Read(string p, Stream s, ReadScope r, IngestionLimits d) => [ParsedItem.Rejected(p, "unsupported format: not yet")]; }
}
