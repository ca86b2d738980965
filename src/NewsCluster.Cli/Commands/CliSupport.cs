using System.Diagnostics;
using NewsCluster.Engine.Clustering;
using NewsCluster.Engine.Fingerprints;
using NewsCluster.Engine.MinHash;
using NewsCluster.Ingestion;

namespace NewsCluster.Cli.Commands;

/// <summary>A progress bar on stderr, drawn only when stderr is a terminal.</summary>
internal sealed class Progress(string label, int total)
{
    private readonly bool _enabled = !Console.IsErrorRedirected && total > 0;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private int _lastPercent = -1;

    public void Report(int done)
    {
        if (!_enabled) return;
        var percent = (int)(100L * done / total);
        if (percent == _lastPercent) return;
        _lastPercent = percent;
        var filled = percent / 4;
        Console.Error.Write($"\r{label,-10} [{new string('#', filled)}{new string(' ', 25 - filled)}] {percent,3}% {_clock.Elapsed.TotalSeconds,6:0.0}s");
        if (done >= total) Console.Error.WriteLine();
    }
}

/// <summary>
/// One ingested article with its path: the draft itself when only reading, or just its date and fingerprint when
/// fingerprinting (clustering needs no text, and not keeping 20,000 bodies alive spares the GC most of its work).
/// </summary>
internal sealed record ReadArticle(string Path, ArticleDraft? Article, DateTimeOffset? Published, ArticleFingerprint? Fingerprint)
{
    public static ReadArticle Of(string path, ArticleDraft article, FingerprintBuilder? builder) =>
        builder is null ? new(path, article, article.Published, null) : new(path, null, article.Published, builder.Build(article.Title, article.Text));
}

/// <summary>
/// One worker's buffer for reading small files whole: one exact-size read into memory reused from file to file (the
/// readers turn everything into strings before the next file), instead of a fresh array or a 64 KiB stream buffer
/// per file. A large file (an archive) is streamed from disk.
/// </summary>
internal sealed class FileBuffer
{
    /// <summary>Files up to this size are read whole.</summary>
    private const long WholeFileBytes = 16 * 1024 * 1024;

    private byte[] _bytes = new byte[64 * 1024];

    /// <summary>The file as a read-only stream, valid until the next call.</summary>
    public Stream Open(string path)
    {
        using var handle = File.OpenHandle(path);
        var length = RandomAccess.GetLength(handle);
        if (length > WholeFileBytes) return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024);
        if (_bytes.Length < length) _bytes = new byte[Math.Max(length, _bytes.Length * 2L)];
        var filled = 0;
        while (filled < length)
        {
            var read = RandomAccess.Read(handle, _bytes.AsSpan(filled, (int)length - filled), filled);
            if (read == 0) break;
            filled += read;
        }
        return new MemoryStream(_bytes, 0, filled, writable: false);
    }
}

/// <summary>Reading a corpus through ingestion and turning it into clustering inputs.</summary>
internal static class Corpus
{
    /// <summary>The ingested articles under <paramref name="path"/>, sorted by path (ordinal), rejected items reported on stderr.</summary>
    public static List<(string Path, ArticleDraft Article)> Read(string path, int? threads = null) =>
        ReadAndFingerprint(path, threads, null).Select(x => (x.Path, x.Article!)).ToList();

    /// <summary>
    /// Reads every item under <paramref name="path"/> and, when <paramref name="options"/> is given, fingerprints it in
    /// the same pass. The files of a folder are parsed in parallel (one <see cref="ArticleReader"/> per worker, results
    /// in per-file slots), then items are put in ordinal path order, so the result never depends on the thread count.
    /// An archive is read as one stream (sequentially) and its articles fingerprinted in parallel.
    /// </summary>
    public static List<ReadArticle> ReadAndFingerprint(string path, int? threads, FingerprintOptions? options)
    {
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = threads is > 0 ? threads.Value : Environment.ProcessorCount };
        var hasher = options is null ? null : new MinHasher(options.Permutations, options.Seed);
        List<ReadArticle>[] slots;
        var rejected = 0;
        if (Directory.Exists(path))
        {
            var files = ListFiles(path);
            slots = new List<ReadArticle>[files.Full.Length];
            var progress = new Progress("parse", files.Full.Length);
            var done = 0;
            Parallel.For(0, files.Full.Length, parallel,
                () => (Reader: NewReader(), Builder: options is null ? null : new FingerprintBuilder(options, hasher), Buffer: new FileBuffer()),
                (i, _, worker) =>
                {
                    var list = new List<ReadArticle>(1);
                    IEnumerable<ParsedItem> parsed;
                    try
                    {
                        using var stream = worker.Buffer.Open(files.Full[i]);
                        parsed = worker.Reader.Read(files.Relative[i], stream).ToList();
                    }
                    catch (IOException e) { parsed = [ParsedItem.Rejected(files.Relative[i], e.Message)]; }
                    catch (UnauthorizedAccessException e) { parsed = [ParsedItem.Rejected(files.Relative[i], e.Message)]; }
                    foreach (var item in parsed)
                    {
                        if (item.Article is not { } a) { Interlocked.Increment(ref rejected); continue; }
                        list.Add(ReadArticle.Of(item.Path, a, worker.Builder));
                    }
                    slots[i] = list;
                    progress.Report(Interlocked.Increment(ref done));
                    return worker;
                },
                _ => { });
        }
        else
        {
            var items = new List<ArticleDraft>();
            var paths = new List<string>();
            foreach (var item in NewReader().ReadPath(path))
            {
                if (item.Article is null) { rejected++; continue; }
                items.Add(item.Article);
                paths.Add(item.Path);
            }
            var built = new ArticleFingerprint?[items.Count];
            if (options is not null)
                Parallel.For(0, items.Count, parallel, () => new FingerprintBuilder(options, hasher),
                    (i, _, b) => { built[i] = b.Build(items[i].Title, items[i].Text); return b; }, _ => { });
            slots = [items.Select((a, i) => new ReadArticle(paths[i], options is null ? a : null, a.Published, built[i])).ToList()];
        }
        if (rejected > 0) Console.Error.WriteLine($"note: {rejected} item(s) rejected by ingestion (see `parse`).");
        var result = slots.SelectMany(s => s).ToList();
        // Stable ordinal sort by path: items of one archive keep their reading order when paths tie. Files come in
        // path order already, so the sort is needed only where an archive's entries interleave with other paths.
        for (var i = 1; i < result.Count; i++)
            if (string.CompareOrdinal(result[i - 1].Path, result[i].Path) > 0)
                return result.OrderBy(x => x.Path, StringComparer.Ordinal).ToList();
        return result;
    }

    /// <summary>A reader for the offline commands, which never compare articles by content hash: it skips computing one.</summary>
    public static ArticleReader NewReader() => new() { ComputeContentHash = false };

    /// <summary>
    /// Every file under <paramref name="folder"/> with its path relative to it ('/'-separated), in ordinal order of
    /// that path. Plain string paths and an ordinal string sort use code the runtime ships precompiled, where a
    /// projection of each entry to a pair would be compiled at start-up on the critical path; the relative path is
    /// cut from the full one (the folder is its prefix), which costs far less than <see cref="System.IO.Path.GetRelativePath"/>.
    /// </summary>
    private static (string[] Relative, string[] Full) ListFiles(string folder)
    {
        var root = System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(folder));
        var prefix = root.Length + (System.IO.Path.EndsInDirectorySeparator(root) ? 0 : 1);
        var full = Directory.GetFiles(root, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true });
        var relative = new string[full.Length];
        for (var i = 0; i < full.Length; i++)
        {
            relative[i] = full[i][prefix..];
            if (System.IO.Path.DirectorySeparatorChar != '/') relative[i] = relative[i].Replace(System.IO.Path.DirectorySeparatorChar, '/');
        }
        Array.Sort(relative, full, StringComparer.Ordinal);
        return (relative, full);
    }

    /// <summary>Clustering inputs with ids = position in path order, so results never depend on file-system order.</summary>
    public static List<ClusterInput> Inputs(List<(string Path, ArticleDraft Article)> items) =>
        items.Select((x, i) => new ClusterInput(i, x.Article.Title, x.Article.Text, x.Article.Published)).ToList();

    /// <summary>Fingerprinted articles with ids = position in path order.</summary>
    public static List<FingerprintedArticle> Fingerprints(List<ReadArticle> items) =>
        items.Select((x, i) => new FingerprintedArticle(i, x.Fingerprint ?? throw new InvalidOperationException("Not fingerprinted."), x.Published)).ToList();

    /// <summary>Cluster label per path: clusters numbered 1.. in order of their first path.</summary>
    public static Dictionary<string, int> Labels(List<ReadArticle> items, IReadOnlyList<IReadOnlyList<long>> clusters) =>
        Labels(items.Select(x => x.Path).ToList(), clusters);

    /// <summary>Cluster label by position (the ids <see cref="Fingerprints"/> gives): clusters numbered 1.. in order of their first path.</summary>
    public static int[] LabelsByPosition(int count, IReadOnlyList<IReadOnlyList<long>> clusters)
    {
        var labels = new int[count];
        for (var c = 0; c < clusters.Count; c++)
            foreach (var id in clusters[c]) labels[id] = c + 1;
        return labels;
    }

    /// <summary>Cluster label per path: clusters numbered 1.. in order of their first path.</summary>
    public static Dictionary<string, int> Labels(List<(string Path, ArticleDraft Article)> items, IReadOnlyList<IReadOnlyList<long>> clusters) =>
        Labels(items.Select(x => x.Path).ToList(), clusters);

    private static Dictionary<string, int> Labels(List<string> items, IReadOnlyList<IReadOnlyList<long>> clusters)
    {
        var byPosition = LabelsByPosition(items.Count, clusters);
        var labels = new Dictionary<string, int>(items.Count, StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++) labels[items[i]] = byPosition[i];
        return labels;
    }

    public static bool Exists(string path)
    {
        if (File.Exists(path) || Directory.Exists(path)) return true;
        Console.Error.WriteLine($"error: '{path}' is neither a file nor a folder.");
        return false;
    }

    public static ClusteringOptions Options(double? threshold, int? threads) =>
        new ClusteringOptions() with { MaxThreads = threads } is var o && threshold is { } t ? o with { StoryThreshold = t } : o;
}
