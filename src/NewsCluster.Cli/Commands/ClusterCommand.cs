using System.CommandLine;
using System.Text;
using NewsCluster.Engine.Clustering;

namespace NewsCluster.Cli.Commands;

/// <summary><c>cluster &lt;dir|archive&gt; --out clusters.tsv</c>: one line <c>path TAB cluster id</c> per article, sorted by path.</summary>
internal static class ClusterCommand
{
    public static Option<double?> ThresholdOption() => new("--threshold") { Description = "Average-linkage TF-IDF cosine an article needs to join a story (default 0.175)." };

    public static Option<int?> ThreadsOption() => new("--threads") { Description = "Worker threads (default: all cores). Results do not depend on it." };

    public static Command Create()
    {
        var input = new Argument<string>("input") { Description = "A folder or an archive of articles." };
        var output = new Option<string>("--out") { Description = "Where to write the TSV.", Required = true };
        var threshold = ThresholdOption();
        var threads = ThreadsOption();
        var command = new Command("cluster", "Cluster articles into stories and write `path<TAB>cluster id` per article.") { input, output, threshold, threads };
        command.SetAction(result =>
        {
            var path = result.GetValue(input)!;
            if (!Corpus.Exists(path)) return 2;
            var options = Corpus.Options(result.GetValue(threshold), result.GetValue(threads));
            var items = Corpus.ReadAndFingerprint(path, options.MaxThreads, options.Fingerprint);
            var clusters = new StoryClusterer(options).ClusterFingerprints(Corpus.Fingerprints(items));
            var labels = Corpus.LabelsByPosition(items.Count, clusters);
            var sb = new StringBuilder();
            for (var i = 0; i < items.Count; i++) sb.Append(items[i].Path).Append('\t').Append(labels[i]).Append('\n');
            File.WriteAllText(result.GetValue(output)!, sb.ToString(), new UTF8Encoding(false));
            Console.Error.WriteLine($"{items.Count} articles, {clusters.Count} clusters -> {result.GetValue(output)}");
            return 0;
        });
        return command;
    }
}
