using System.CommandLine;
using System.Text.Json;
using NewsCluster.Ingestion;

namespace NewsCluster.Cli.Commands;

/// <summary><c>parse &lt;file|dir|archive&gt;</c>: one JSON line per item showing what ingestion made of it.</summary>
internal static class ParseCommand
{
    public static Command Create()
    {
        var input = new Argument<string>("input") { Description = "A file, a folder or an archive of articles." };
        var command = new Command("parse", "Print one JSON line per item: the extracted fields or the rejection reason.") { input };
        command.SetAction(result =>
        {
            var path = result.GetValue(input)!;
            if (!File.Exists(path) && !Directory.Exists(path))
            {
                Console.Error.WriteLine($"error: '{path}' is neither a file nor a folder.");
                return 2;
            }
            foreach (var item in new ArticleReader().ReadPath(path))
                Console.Out.WriteLine(JsonSerializer.Serialize(ToJson(item), CliJson.Options));
            return 0;
        });
        return command;
    }

    private static object ToJson(ParsedItem item) => new
    {
        path = item.Path,
        status = item.IsRejected ? "rejected" : "ingested",
        reason = item.RejectionReason,
        title = item.Article?.Title,
        published = item.Article?.Published?.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ"),
        byline = item.Article?.Byline,
        source = item.Article?.Source,
        url = item.Article?.Url,
        language = item.Article?.Language,
        text = item.Article?.Text,
    };
}
