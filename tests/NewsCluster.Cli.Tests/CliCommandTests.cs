using NewsCluster.Cli.Commands;
using NewsCluster.Cli.Generation;

namespace NewsCluster.Cli.Tests;

public sealed class CliCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "nc-cli-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public void Generation_is_deterministic_for_a_seed_and_differs_between_seeds()
    {
        var a = new CorpusGenerator(5).Generate(60);
        var b = new CorpusGenerator(5).Generate(60);
        var c = new CorpusGenerator(6).Generate(60);
        a.Should().BeEquivalentTo(b, o => o.WithStrictOrdering());
        a.Select(x => x.Text).Should().NotEqual(c.Select(x => x.Text));
        a.Should().HaveCount(60);
        a.Select(x => x.Label).Distinct().Count().Should().BeInRange(5, 50, "stories have several variants");
    }

    [Fact]
    public void Cluster_writes_every_article_sorted_by_path_and_eval_reports_high_agreement()
    {
        CorpusGenerator.Write(new CorpusGenerator(3).Generate(120), _dir);
        var tsv = Path.Combine(_dir, "clusters.tsv");
        Run("cluster", Path.Combine(_dir, "articles"), "--out", tsv).Should().Be(0);
        var lines = File.ReadAllLines(tsv);
        lines.Should().HaveCount(120);
        lines.Select(l => l.Split('\t')[0]).Should().BeInAscendingOrder(StringComparer.Ordinal);

        var output = Capture(() => Run("eval", Path.Combine(_dir, "articles"), "--gold", Path.Combine(_dir, "labels.tsv"), "--threads", "1"));
        var json = System.Text.Json.JsonDocument.Parse(output).RootElement;
        json.GetProperty("articles").GetInt32().Should().Be(120);
        json.GetProperty("ari").GetDouble().Should().BeGreaterThan(0.9);
        foreach (var key in new[] { "bcubed_p", "bcubed_r", "bcubed_f1", "precision", "recall", "f1", "clusters" })
            json.TryGetProperty(key, out _).Should().BeTrue(key);
    }

    [Fact]
    public void Cluster_names_files_in_subfolders_by_their_slash_separated_path_relative_to_the_input()
    {
        var articles = new CorpusGenerator(4).Generate(6);
        Directory.CreateDirectory(Path.Combine(_dir, "in", "b", "deep"));
        Directory.CreateDirectory(Path.Combine(_dir, "in", "a"));
        string[] places = ["b/deep/x.txt", "a/y.txt", "z.txt", "a/B.txt", "b/c.txt", "a/a.txt"];
        for (var i = 0; i < places.Length; i++)
            File.WriteAllText(Path.Combine(_dir, "in", places[i]), articles[i].Title + "\n\n" + articles[i].Text);
        var tsv = Path.Combine(_dir, "clusters.tsv");
        Run("cluster", Path.Combine(_dir, "in") + Path.DirectorySeparatorChar, "--out", tsv).Should().Be(0);
        File.ReadAllLines(tsv).Select(l => l.Split('\t')[0]).Should().Equal(places.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Explain_prints_a_verdict_for_two_files()
    {
        Directory.CreateDirectory(_dir);
        var text = "Storm floods the valley\n\nHeavy rain flooded the valley towns overnight as rivers burst their banks and rescuers evacuated hundreds of residents from their homes.\n";
        File.WriteAllText(Path.Combine(_dir, "a.txt"), text);
        File.WriteAllText(Path.Combine(_dir, "b.txt"), text);
        var output = Capture(() => Run("explain", Path.Combine(_dir, "a.txt"), Path.Combine(_dir, "b.txt")));
        System.Text.Json.JsonDocument.Parse(output).RootElement.GetProperty("verdict").GetString().Should().Be("copy");
    }

    [Fact]
    public void Eval_refuses_gold_paths_that_match_no_article_instead_of_scoring_nothing_as_perfect()
    {
        CorpusGenerator.Write(new CorpusGenerator(3).Generate(20), _dir);
        // The corpus folder itself, not its articles/ folder: gold paths (relative to articles/) match nothing.
        Run("eval", _dir, "--gold", Path.Combine(_dir, "labels.tsv")).Should().Be(2);
    }

    [Fact]
    public void A_missing_input_is_an_error_not_a_crash() =>
        Run("cluster", Path.Combine(_dir, "nope"), "--out", Path.Combine(_dir, "x.tsv")).Should().Be(2);

    private static int Run(params string[] args)
    {
        var root = new System.CommandLine.RootCommand { ClusterCommand.Create(), EvalCommand.Create(), ExplainCommand.Create(), GenerateCommand.Create(), BenchCommand.Create() };
        return root.Parse(args).Invoke();
    }

    private static string Capture(Func<int> action) => ConsoleCapture.Run(action);
}

/// <summary>Runs a command with Console.Out captured; one at a time, since the console is process-wide.</summary>
internal static class ConsoleCapture
{
    private static readonly object Gate = new();

    public static string Run(Func<int> action)
    {
        lock (Gate)
        {
            var original = Console.Out;
            var writer = new StringWriter();
            Console.SetOut(writer);
            try { action().Should().Be(0); }
            finally { Console.SetOut(original); }
            return writer.ToString().Trim();
        }
    }
}
