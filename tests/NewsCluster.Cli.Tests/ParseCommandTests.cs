using System.Text.Json;
using NewsCluster.Cli.Commands;

namespace NewsCluster.Cli.Tests;

public sealed class ParseCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "nc-parse-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    private static readonly string[] Fields = ["path", "status", "reason", "title", "published", "byline", "source", "url", "language", "text"];

    [Fact]
    public void Parse_prints_one_json_line_per_seed_with_every_field_and_the_cleaned_text()
    {
        var lines = RunParse(SeedsDirectory());

        lines.Should().HaveCount(5);
        var items = lines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        foreach (var item in items)
        {
            item.EnumerateObject().Select(p => p.Name).Should().Equal(Fields, "every line carries the documented fields in order");
            item.GetProperty("status").GetString().Should().Be("ingested");
            item.GetProperty("reason").ValueKind.Should().Be(JsonValueKind.Null);
            item.GetProperty("text").GetString().Should().NotBeNullOrWhiteSpace();
        }
        items.Select(i => i.GetProperty("path").GetString()).Should().Equal(
            "000_ec5bcbe81a450c12.txt", "001_eaeb936243d3caf5.txt", "002_de29efe3ee9d7651.txt", "003_663559c726aae2b4.txt", "004_ca01899bfa0e0b32.txt");
        items[0].GetProperty("title").GetString().Should().Be("Russia and Ukraine Show Interest in Direct Negotiations Amid Trump Push for Peace",
            "the summary line before the title and the repeated title are not the title");
        items[4].GetProperty("title").GetString().Should().Be("Russia Open to Peace Negotiations with U.S. to End Ukraine Conflict");

        // 002 carries its date as a JavaScript Date.toString() line: ISO 8601 UTC, and the line leaves the text.
        items[2].GetProperty("published").GetString().Should().MatchRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$");
        items[0].GetProperty("published").ValueKind.Should().Be(JsonValueKind.Null);

        // Scraping noise does not reach the cleaned text.
        var texts = items.Select(i => i.GetProperty("text").GetString()!).ToList();
        texts[1].Should().NotContain("Previous Post Next Post");
        texts[2].Should().NotContain("MORE ON THEME").And.NotContain("Follow us");
        texts[4].Should().NotContain("\nComments");
        texts[0].Should().NotStartWith("Russia and Ukraine Show Interest", "the repeated title is not body text");
    }

    [Fact]
    public void Parse_reports_a_rejected_item_with_its_reason_and_null_article_fields()
    {
        Directory.CreateDirectory(_dir);
        File.WriteAllText(Path.Combine(_dir, "a.txt"), "Storm floods the valley\n\nHeavy rain flooded the valley towns overnight as rivers burst their banks.\n");
        File.WriteAllBytes(Path.Combine(_dir, "b.txt"), []);

        var items = RunParse(_dir).Select(l => JsonDocument.Parse(l).RootElement).ToList();

        items.Should().HaveCount(2);
        items[0].GetProperty("path").GetString().Should().Be("a.txt");
        items[0].GetProperty("title").GetString().Should().Be("Storm floods the valley");
        items[1].GetProperty("path").GetString().Should().Be("b.txt");
        items[1].GetProperty("status").GetString().Should().Be("rejected");
        items[1].GetProperty("reason").GetString().Should().StartWith("empty");
        items[1].GetProperty("title").ValueKind.Should().Be(JsonValueKind.Null);
        items[1].GetProperty("text").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Fact]
    public void Parse_of_a_missing_path_is_an_error_exit_code()
    {
        var root = new System.CommandLine.RootCommand { ParseCommand.Create() };
        root.Parse(["parse", Path.Combine(_dir, "missing")]).Invoke().Should().Be(2);
    }

    private static string SeedsDirectory()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !Directory.Exists(Path.Combine(dir.FullName, "seeds"))) dir = dir.Parent;
        return dir is null ? throw new DirectoryNotFoundException("seeds/ not found above the test binaries") : Path.Combine(dir.FullName, "seeds");
    }

    private static string[] RunParse(string path)
    {
        var output = ConsoleCapture.Run(() => new System.CommandLine.RootCommand { ParseCommand.Create() }.Parse(["parse", path]).Invoke());
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }
}
