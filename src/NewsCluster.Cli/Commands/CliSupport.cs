using System.Diagnostics;
using NewsCluster.Engine.Clustering;
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

/// <summary>Reading a corpus through ingestion and turning it into clustering inputs.</summary>
internal static class Corpus
{
    /// <summary>The ingested articles under <paramref name="path"/>, sorted by path (ordinal), rejected items reported on stderr.</summary>
    public static List<(string Path, ArticleDraft Article)> Read(string path)
    {
        var items = new List<(string, ArticleDraft)>();
        var rejected = 0;
        foreach (var item in new ArticleReader().ReadPath(path))
        {
            if (item.Article is null) { rejected++; continue; }
            items.Add((item.Path, item.Article));
        }
        if (rejected > 0) Console.Error.WriteLine($"note: {rejected} item(s) rejected by ingestion (see `parse`).");
        items.Sort((a, b) => string.CompareOrdinal(a.Item1, b.Item1));
        return items;
    }

    /// <summary>Clustering inputs with ids = position in path order, so results never depend on file-system order.</summary>
    public static List<ClusterInput> Inputs(List<(string Path, ArticleDraft Article)> items) =>
        items.Select((x, i) => new ClusterInput(i, x.Article.Title, x.Article.Text, x.Article.Published)).ToList();

    /// <summary>Cluster label per path: clusters numbered 1.. in order of their first path.</summary>
    public static Dictionary<string, int> Labels(List<(string Path, ArticleDraft Article)> items, IReadOnlyList<IReadOnlyList<long>> clusters)
    {
        var labels = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var c = 0; c < clusters.Count; c++)
            foreach (var id in clusters[c]) labels[items[(int)id].Path] = c + 1;
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
