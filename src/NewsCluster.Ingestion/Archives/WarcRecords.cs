using System.Globalization;
using NewsCluster.Ingestion.Html;
using NewsCluster.Ingestion.Pipeline;

namespace NewsCluster.Ingestion.Archives;

/// <summary>
/// Reads WARC files (ISO 28500, as Common Crawl's news crawl writes them): each response record holding an HTML page
/// becomes an item "crawl.warc#n" (n counts records from 1). Request, metadata and warcinfo records are not articles
/// and are passed over silently; other responses are refused with what they were.
/// </summary>
internal static class WarcRecords
{
    public static IEnumerable<ParsedItem> Read(string path, Stream stream, ReadScope scope)
    {
        var reader = new WarcStreamReader(stream);
        var number = 0;
        while (reader.ReadRecordHeader() is { } header)
        {
            number++;
            scope.Budget.CountEntry();
            var itemPath = $"{path}#{number}";
            var length = ContentLength(header);
            if (!IsResponse(header))
            {
                reader.Skip(length);
                continue;
            }
            if (length > scope.Limits.MaxEntryBytes)
            {
                reader.Skip(length);
                yield return ParsedItem.Rejected(itemPath, $"{RejectionKeywords.TooLarge}: the record is {Bytes.Describe(length)}, over the limit of {Bytes.Describe(scope.Limits.MaxEntryBytes)}");
                continue;
            }
            var block = reader.ReadBlock((int)length);
            scope.Budget.CountExpanded(length);
            var target = header.GetValueOrDefault("WARC-Target-URI")?.Trim('<', '>', ' ');
            yield return ItemGuard.One(itemPath, RejectionKeywords.NoArticleText, () => ReadResponse(block, target, scope.Limits));
        }
    }

    private static ArticleDraft ReadResponse(byte[] block, string? target, IngestionLimits limits)
    {
        var response = HttpResponse.Parse(block, limits);
        if (response.Status is < 200 or >= 300)
            throw RejectedException.Because(RejectionKeywords.NoArticleText, $"the record is an HTTP {response.Status} response, not a page");
        if (!response.IsHtml)
            throw RejectedException.Because(RejectionKeywords.UnsupportedFormat, $"the record is a '{response.MediaType}' response, not an HTML page");
        return HtmlArticleReader.Read(response.Body, response.Charset, target, limits);
    }

    private static bool IsResponse(Dictionary<string, string> header) =>
        string.Equals(header.GetValueOrDefault("WARC-Type"), "response", StringComparison.OrdinalIgnoreCase);

    private static long ContentLength(Dictionary<string, string> header)
    {
        if (long.TryParse(header.GetValueOrDefault("Content-Length"), NumberStyles.None, CultureInfo.InvariantCulture, out var length)) return length;
        throw RejectedException.Because(RejectionKeywords.CorruptArchive, "a WARC record has no valid Content-Length");
    }
}
