using System.CommandLine;
using System.Text.Json;
using NewsCluster.Engine.Clustering;
using NewsCluster.Ingestion;

namespace NewsCluster.Cli.Commands;

/// <summary><c>explain &lt;fileA&gt; &lt;fileB&gt;</c>: why two articles are (not) one story, as one JSON object.</summary>
internal static class ExplainCommand
{
    public static Command Create()
    {
        var a = new Argument<string>("fileA") { Description = "First article file." };
        var b = new Argument<string>("fileB") { Description = "Second article file." };
        var threshold = ClusterCommand.ThresholdOption();
        var command = new Command("explain", "Explain the similarity of two articles: estimated and exact Jaccard, weighted similarity, shared terms, threshold, verdict.") { a, b, threshold };
        command.SetAction(result =>
        {
            var first = ReadOne(result.GetValue(a)!, 0);
            var second = ReadOne(result.GetValue(b)!, 1);
            if (first is null || second is null) return 2;
            var e = new PairExplainer(Corpus.Options(result.GetValue(threshold), null)).Explain(first, second);
            Console.Out.WriteLine(JsonSerializer.Serialize(new
            {
                verdict = e.Verdict,
                weighted_similarity = Math.Round(e.WeightedSimilarity, 4),
                threshold = e.Threshold,
                estimated_jaccard = Math.Round(e.EstimatedJaccard, 4),
                exact_jaccard = Math.Round(e.ExactJaccard, 4),
                candidate_probability = Math.Round(e.StoryCandidateProbability, 4),
                estimated_copy_jaccard = Math.Round(e.EstimatedCopyJaccard, 4),
                exact_copy_jaccard = Math.Round(e.ExactCopyJaccard, 4),
                copy_threshold = e.CopyThreshold,
                shared_terms = e.SharedTerms.Select(t => new { term = t.Term, contribution = Math.Round(t.Contribution, 4) }),
            }, CliJson.Options));
            return 0;
        });
        return command;
    }

    private static ClusterInput? ReadOne(string path, long id)
    {
        if (!File.Exists(path))
        {
            Console.Error.WriteLine($"error: '{path}' is not a file.");
            return null;
        }
        var item = new ArticleReader().ReadPath(path).FirstOrDefault();
        if (item?.Article is not { } article)
        {
            Console.Error.WriteLine($"error: '{path}' was rejected: {item?.RejectionReason ?? "no article"}.");
            return null;
        }
        return new ClusterInput(id, article.Title, article.Text, article.Published);
    }
}
