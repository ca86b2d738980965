using System.Text;
using System.Text.Json;
using NewsCluster.Ingestion.Decoding;
using NewsCluster.Ingestion.Pipeline;

namespace NewsCluster.Ingestion.Json;

/// <summary>
/// Reads .json (one record or an array of records) and .jsonl (one record per line). Each record is its own item, so
/// a bad record costs only itself; a .json file that turns out to hold several top-level values is read as lines.
/// </summary>
internal static class JsonArticleReader
{
    public static IEnumerable<ParsedItem> ReadDocument(string path, byte[] bytes, IngestionLimits limits)
    {
        var utf8 = Encoding.UTF8.GetBytes(TextDecoder.Decode(bytes));
        var layout = JsonLayout.Scan(utf8, limits.MaxJsonDepth);
        return layout.Kind switch
        {
            JsonLayoutKind.SingleObject => [ItemGuard.One(path, RejectionKeywords.MalformedJson, () => ReadRecord(utf8, limits))],
            JsonLayoutKind.Array => ReadArray(path, utf8, layout, limits),
            JsonLayoutKind.SeveralValues => ReadLines(path, new MemoryStream(utf8), limits),
            _ => [ParsedItem.Rejected(path, $"{RejectionKeywords.MalformedJson}: {layout.Error}")],
        };
    }

    public static IEnumerable<ParsedItem> ReadLines(string path, Stream stream, IngestionLimits limits)
    {
        foreach (var line in JsonLines.Split(stream, limits.MaxEntryBytes))
        {
            var itemPath = $"{path}#{line.Number}";
            yield return line.Bytes is null
                ? ParsedItem.Rejected(itemPath, $"{RejectionKeywords.TooLarge}: the line is longer than {Bytes.Describe(limits.MaxEntryBytes)}")
                : ItemGuard.One(itemPath, RejectionKeywords.MalformedJson, () => RecordReader.Read(TextDecoder.Decode(line.Bytes), limits));
        }
    }

    private static IEnumerable<ParsedItem> ReadArray(string path, byte[] utf8, JsonLayout layout, IngestionLimits limits)
    {
        for (var index = 0; index < layout.Elements.Count; index++)
        {
            var element = layout.Elements[index];
            yield return ItemGuard.One($"{path}#{index}", RejectionKeywords.MalformedJson, () => ReadRecord(utf8.AsMemory(element), limits));
        }
        if (layout.Error is not null)
            yield return ParsedItem.Rejected($"{path}#{layout.Elements.Count}",
                $"{RejectionKeywords.MalformedJson}: {layout.Error}; the records from here to the end of the array could not be read");
    }

    private static ArticleDraft ReadRecord(ReadOnlyMemory<byte> utf8, IngestionLimits limits)
    {
        using var document = JsonDocument.Parse(utf8, new JsonDocumentOptions { MaxDepth = limits.MaxJsonDepth, AllowTrailingCommas = true });
        return RecordReader.Read(document.RootElement, limits);
    }
}
