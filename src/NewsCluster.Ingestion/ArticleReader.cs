using NewsCluster.Ingestion.Pipeline;

namespace NewsCluster.Ingestion;

/// <summary>
/// Turns files, folders and archives into article drafts, one <see cref="ParsedItem"/> per input item (a file, an
/// archive entry, a JSON record). Lazy: items come as they are read and archives are streamed. It never throws for bad
/// input: a failure becomes a rejection for that item and the next item is read.
/// </summary>
public sealed class ArticleReader
{
    private readonly DocumentRouter _router;

    public ArticleReader() : this(IngestionLimits.Default)
    {
    }

    public ArticleReader(IngestionLimits limits)
    {
        _router = new DocumentRouter(limits);
    }

    /// <summary>
    /// Whether articles get their <see cref="ArticleDraft.ContentHash"/> (the default). A caller that never looks at the
    /// hash, such as offline clustering, can turn it off and save hashing every article; the hash is then empty.
    /// </summary>
    public bool ComputeContentHash { get; init; } = true;

    /// <summary>Reads one input given by name (whose extension proposes the format) and content; the stream is not disposed.</summary>
    public IEnumerable<ParsedItem> Read(string name, Stream content) => WithContentHashes(_router.ReadTopLevel(name, content));

    /// <summary>
    /// Reads a file, or every file below a folder in ordinal order of their relative paths. Item paths are relative to
    /// the folder (with '/' separators), or the file's name.
    /// </summary>
    public IEnumerable<ParsedItem> ReadPath(string fileOrFolder)
    {
        if (File.Exists(fileOrFolder)) return WithContentHashes(ReadFile(Path.GetFileName(fileOrFolder), fileOrFolder));
        if (Directory.Exists(fileOrFolder)) return WithContentHashes(ReadFolder(fileOrFolder));
        return [ParsedItem.Rejected(Path.GetFileName(fileOrFolder), $"{RejectionKeywords.Empty}: there is no file or folder at '{fileOrFolder}'")];
    }

    /// <summary>Readers leave the hash empty; it is added here, the one place every article passes, unless turned off.</summary>
    private IEnumerable<ParsedItem> WithContentHashes(IEnumerable<ParsedItem> items) =>
        ComputeContentHash ? items.Select(static item => item.Article is { } article ? item with { Article = article with { ContentHash = DraftFactory.Sha256Hex(article.Text) } } : item) : items;

    private IEnumerable<ParsedItem> ReadFolder(string folder)
    {
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true };
        var files = Directory.EnumerateFiles(folder, "*", options)
            .Select(file => (Relative: Path.GetRelativePath(folder, file).Replace('\\', '/'), Full: file))
            .OrderBy(file => file.Relative, StringComparer.Ordinal)
            .ToList();
        return files.SelectMany(file => ReadFile(file.Relative, file.Full));
    }

    private IEnumerable<ParsedItem> ReadFile(string path, string fullPath) =>
        ItemGuard.Run(path, RejectionKeywords.UnsupportedFormat, () => ReadOpenedFile(path, fullPath));

    private IEnumerable<ParsedItem> ReadOpenedFile(string path, string fullPath)
    {
        using var stream = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024);
        foreach (var item in _router.ReadTopLevel(path, stream)) yield return item;
    }
}
