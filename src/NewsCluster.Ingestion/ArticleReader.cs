using System.Text;

namespace NewsCluster.Ingestion;

/// <summary>Turns files into article drafts, one <see cref="ParsedItem"/> per input item; it never throws for bad input.</summary>
public sealed class ArticleReader
{
    /// <summary>Reads one file given by name and content.</summary>
    public IEnumerable<ParsedItem> Read(string name, Stream content)
    {
        using var reader = new StreamReader(content, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var raw = reader.ReadToEnd();
        var lines = raw.Replace("\r\n", "\n").Split('\n').Select(l => l.Trim()).ToList();
        var title = lines.FirstOrDefault(l => l.Length > 0);
        if (title is null)
        {
            yield return ParsedItem.Rejected(name, "empty: the file has no text");
            yield break;
        }
        var body = lines.SkipWhile(l => l != title).Skip(1).Where(l => l.Length > 0 && l != title);
        yield return ParsedItem.Ok(name, new ArticleDraft { Title = title, Text = string.Join("\n\n", body), RawText = raw });
    }

    /// <summary>Reads a file or every file below a folder; item paths are relative to <paramref name="path"/>.</summary>
    public IEnumerable<ParsedItem> ReadPath(string path)
    {
        if (File.Exists(path))
        {
            using var stream = File.OpenRead(path);
            foreach (var item in Read(Path.GetFileName(path), stream)) yield return item;
            yield break;
        }
        foreach (var file in Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(path, file).Replace('\\', '/');
            using var stream = File.OpenRead(file);
            foreach (var item in Read(relative, stream)) yield return item;
        }
    }
}
