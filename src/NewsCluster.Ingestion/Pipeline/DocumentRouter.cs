using NewsCluster.Ingestion.Archives;
using NewsCluster.Ingestion.Decoding;
using NewsCluster.Ingestion.Html;
using NewsCluster.Ingestion.Json;
using NewsCluster.Ingestion.Text;

namespace NewsCluster.Ingestion.Pipeline;

/// <summary>Sends each input to the reader for its format; archive readers call back here for their entries.</summary>
internal sealed class DocumentRouter(IngestionLimits limits)
{
    /// <summary>
    /// Reads an input from its start. A seekable input (a file, a buffered upload) is checked by length and passed on
    /// as is, so zip can seek in it; anything else is bounded as it streams.
    /// </summary>
    public IEnumerable<ParsedItem> ReadTopLevel(string name, Stream content) =>
        ItemGuard.Run(name, RejectionKeywords.UnsupportedFormat, () => ReadTopLevelChecked(name, content));

    private IEnumerable<ParsedItem> ReadTopLevelChecked(string name, Stream content)
    {
        var size = content.CanSeek ? content.Length - content.Position : -1;
        if (size > limits.MaxFileBytes)
            return [ParsedItem.Rejected(name, $"{RejectionKeywords.TooLarge}: the file is {Bytes.Describe(size)}, over the limit of {Bytes.Describe(limits.MaxFileBytes)}")];
        var bounded = content.CanSeek ? content : new BoundedReadStream(content, limits.MaxFileBytes, $"the file '{name}'");
        return Read(name, name, bounded, ReadScope.TopLevel(limits));
    }

    /// <summary>Reads an archive entry, opened inside the guard so a failure to open it is that entry's rejection.</summary>
    public IEnumerable<ParsedItem> ReadEntry(string path, string name, Func<Stream> open, ReadScope scope) =>
        ItemGuard.Run(path, RejectionKeywords.CorruptArchive, () => ReadOpened(path, name, open, scope));

    private IEnumerable<ParsedItem> ReadOpened(string path, string name, Func<Stream> open, ReadScope scope)
    {
        using var stream = open();
        var bounded = new BoundedReadStream(stream, limits.MaxFileBytes, $"the entry '{path}'");
        foreach (var item in Read(path, name, bounded, scope)) yield return item;
    }

    /// <param name="path">The label items get (an archive entry's full path).</param>
    /// <param name="name">The file name whose extension proposes a format (for "a.html.gz", the inner "a.html").</param>
    public IEnumerable<ParsedItem> Read(string path, string name, Stream content, ReadScope scope) =>
        ItemGuard.Run(path, RejectionKeywords.UnsupportedFormat, () => Dispatch(path, name, content, scope));

    private IEnumerable<ParsedItem> Dispatch(string path, string name, Stream content, ReadScope scope)
    {
        // The head only decides the format, so it lives on the stack; a replay keeps its own copy.
        Span<byte> buffer = stackalloc byte[FormatSniffer.HeadBytes];
        var stream = ReplayStream.Peek(content, buffer, out var filled);
        var head = buffer[..filled];
        if (head.Length == 0) return [ParsedItem.Rejected(path, $"{RejectionKeywords.Empty}: the file is empty (0 bytes)")];
        return FormatSniffer.Decide(name, head) switch
        {
            InputFormat.PlainText => [ReadPlainText(path, stream)],
            InputFormat.Html => [ItemGuard.One(path, RejectionKeywords.NoArticleText, () => HtmlArticleReader.Read(ReadDocument(stream), null, null, limits))],
            InputFormat.Json => JsonArticleReader.ReadDocument(path, ReadDocument(stream), limits),
            InputFormat.JsonLines => JsonArticleReader.ReadLines(path, stream, limits),
            InputFormat.Zip => ArchiveRead(path, scope, nested => ZipEntries.Read(path, stream, nested, this)),
            InputFormat.Tar => ArchiveRead(path, scope, nested => TarEntries.Read(path, stream, nested, this)),
            InputFormat.Gzip => ArchiveRead(path, scope, nested => GzipMember.Read(path, name, stream, nested, this)),
            InputFormat.Warc => ArchiveRead(path, scope, nested => WarcRecords.Read(path, stream, nested)),
            InputFormat.Unsupported => [Unsupported(path, name)],
            _ => Path.GetExtension(name).Length == 0 ? [ReadPlainText(path, stream)] : [Unsupported(path, name)],
        };
    }

    private ParsedItem ReadPlainText(string path, Stream stream) =>
        ItemGuard.One(path, RejectionKeywords.NoArticleText, () => PlainTextReader.Read(Bytes.ReadAllAsText(stream, limits.MaxEntryBytes, "the document"), KnownMetadata.None));

    private byte[] ReadDocument(Stream stream) => Bytes.ReadAll(stream, limits.MaxEntryBytes, "the document");

    private static IEnumerable<ParsedItem> ArchiveRead(string path, ReadScope scope, Func<ReadScope, IEnumerable<ParsedItem>> read)
    {
        if (scope.ArchiveDepth >= scope.Limits.MaxArchiveNesting)
            return [ParsedItem.Rejected(path, $"{RejectionKeywords.TooLarge}: archives are nested more than {scope.Limits.MaxArchiveNesting} deep")];
        return ItemGuard.Run(path, RejectionKeywords.CorruptArchive, () => read(scope.InsideArchive()));
    }

    private static ParsedItem Unsupported(string path, string name)
    {
        var extension = Path.GetExtension(name);
        var what = extension.Length > 0 ? $"'{extension}' files" : "files of this kind";
        return ParsedItem.Rejected(path, $"{RejectionKeywords.UnsupportedFormat}: {what} cannot be read as articles (use .txt, .html, .json, .jsonl or an archive of them)");
    }
}
