using System.CommandLine;
using System.Text.Json;
using NewsCluster.Engine.Clustering;
using NewsCluster.Engine.Quality;

namespace NewsCluster.Cli.Commands;

/// <summary><c>eval &lt;dir|archive&gt; --gold labels.tsv</c>: clusters, then prints one JSON line of quality metrics.</summary>
internal static class EvalCommand
{
    public static Command Create()
    {
        var input = new Argument<string>("input") { Description = "A folder or an archive of articles." };
        var gold = new Option<string>("--gold") { Description = "Gold labels: `path<TAB>label` per line, paths relative to the input.", Required = true };
        var threshold = ClusterCommand.ThresholdOption();
        var threads = ClusterCommand.ThreadsOption();
        var command = new Command("eval", "Cluster and compare with gold labels: ARI, B-cubed and pairwise precision/recall/F1 as one JSON line.") { input, gold, threshold, threads };
        command.SetAction(result =>
        {
            var path = result.GetValue(input)!;
            if (!Corpus.Exists(path)) return 2;
            var goldLabels = ReadLabels(result.GetValue(gold)!);
            var options = Corpus.Options(result.GetValue(threshold), result.GetValue(threads));
            var items = Corpus.ReadAndFingerprint(path, options.MaxThreads, options.Fingerprint);
            var clusters = new StoryClusterer(options).ClusterFingerprints(Corpus.Fingerprints(items));
            var predicted = Corpus.Labels(items, clusters);
            var evaluated = goldLabels.Where(kv => predicted.ContainsKey(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
            if (evaluated.Count == 0)
            {
                // Scores over no articles would read as perfect; the usual cause is gold paths relative to another folder.
                Console.Error.WriteLine($"error: none of the {goldLabels.Count} gold path(s) is an ingested article. Gold paths must be relative to the input, " +
                    $"as `cluster` writes them (gold: '{goldLabels.Keys.FirstOrDefault()}', input: '{predicted.Keys.Order(StringComparer.Ordinal).FirstOrDefault()}').");
                return 2;
            }
            if (evaluated.Count < goldLabels.Count)
                Console.Error.WriteLine($"note: {goldLabels.Count - evaluated.Count} gold path(s) were not among the ingested articles.");
            Console.Out.WriteLine(JsonSerializer.Serialize(ToJson(ClusteringMetrics.Evaluate(predicted, evaluated)), CliJson.Options));
            return 0;
        });
        return command;
    }

    public static Dictionary<string, string> ReadLabels(string file)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(file))
        {
            var tab = line.IndexOf('\t');
            if (tab <= 0) continue;
            labels[line[..tab].Replace('\\', '/')] = line[(tab + 1)..].Trim();
        }
        return labels;
    }

    public static object ToJson(QualityReport r) => new
    {
        ari = Math.Round(r.AdjustedRandIndex, 4),
        bcubed_p = Math.Round(r.BCubedPrecision, 4),
        bcubed_r = Math.Round(r.BCubedRecall, 4),
        bcubed_f1 = Math.Round(r.BCubedF1, 4),
        precision = Math.Round(r.PairPrecision, 4),
        recall = Math.Round(r.PairRecall, 4),
        f1 = Math.Round(r.PairF1, 4),
        clusters = r.Clusters,
        articles = r.Articles,
    };
}
