using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using NewsCluster.Ingestion;

namespace NewsCluster.Cli.Commands;

/// <summary>
/// <c>parse &lt;file|dir|archive&gt;</c>: one JSON line per item (file, archive entry or JSON record) showing what
/// ingestion made of it, so anyone can see why an article was read the way it was, or refused.
/// </summary>
internal static class ParseCommand
{
    public static Command Create()
    {
        var input = new Argument<string>("input") { Description = "A file, a folder, or an archive (.zip, .tar, .tar.gz, .gz, .warc, .warc.gz) of articles." };
        var command = new Command("parse", "Print one JSON line per item: the extracted fields or the rejection reason.") { input };
        command.SetAction(result => Run(result.GetValue(input)!));
        return command;
    }

    private static int Run(string path)
    {
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            Console.Error.WriteLine($"error: '{path}' is neither a file, an archive nor a folder.");
            return 2;
        }
        int ingested = 0, rejected = 0;
        // Items stream out as they are read, so a large archive shows progress and never sits in memory.
        foreach (var item in new ArticleReader().ReadPath(path))
        {
            if (item.IsRejected) rejected++;
            else ingested++;
            Console.Out.WriteLine(JsonSerializer.Serialize(ToJson(item), CliJson.Options));
        }
        Console.Error.WriteLine($"{ingested} ingested, {rejected} rejected");
        return 0;
    }

    private static object ToJson(ParsedItem item) => new
    {
        path = item.Path,
        status = item.IsRejected ? "rejected" : "ingested",
        reason = item.RejectionReason,
        title = item.Article?.Title,
        published = item.Article?.Published?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        byline = item.Article?.Byline,
        source = item.Article?.Source,
        url = item.Article?.Url,
        language = item.Article?.Language,
        text = item.Article?.Text,
    };
}
