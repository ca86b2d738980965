using System.CommandLine;
using NewsCluster.Cli.Generation;

namespace NewsCluster.Cli.Commands;

/// <summary><c>generate --articles N --seed S --out DIR</c>: a deterministic synthetic corpus plus gold labels.</summary>
internal static class GenerateCommand
{
    public static Command Create()
    {
        var articles = new Option<int>("--articles") { Description = "How many articles.", DefaultValueFactory = _ => 20000 };
        var seed = new Option<int>("--seed") { Description = "Random seed; the same seed gives the same corpus.", DefaultValueFactory = _ => 1 };
        var output = new Option<string>("--out") { Description = "Output folder: articles/ and labels.tsv are written there.", Required = true };
        var command = new Command("generate", "Write a synthetic corpus (stories, rewrites, copies, hard negatives) to DIR/articles with DIR/labels.tsv.") { articles, seed, output };
        command.SetAction(result =>
        {
            var n = result.GetValue(articles);
            if (n <= 0)
            {
                Console.Error.WriteLine("error: --articles must be positive.");
                return 2;
            }
            var dir = result.GetValue(output)!;
            var corpus = new CorpusGenerator(result.GetValue(seed)).Generate(n);
            CorpusGenerator.Write(corpus, dir);
            Console.Error.WriteLine($"{corpus.Count} articles, {corpus.Select(a => a.Label).Distinct().Count()} stories -> {Path.Combine(dir, "articles")} (gold: {Path.Combine(dir, "labels.tsv")})");
            return 0;
        });
        return command;
    }
}
