using System.Text.Json;

namespace NewsCluster.Ingestion.Html;

/// <summary>
/// Reads article facts from schema.org JSON-LD blocks. Pages often hold several objects (in arrays or an @graph) of
/// which the article is one; a block that does not parse is ignored, since it is optional metadata.
/// </summary>
internal static class JsonLdFacts
{
    private const int MaxObjectsVisited = 2000;

    public static PageMetadata Read(IEnumerable<string> blocks)
    {
        var facts = new PageMetadata();
        foreach (var block in blocks)
            foreach (var item in ArticleObjects(block))
                facts = Merge(facts, item);
        return facts;
    }

    private static PageMetadata Merge(PageMetadata facts, JsonElement item) => facts with
    {
        Title = facts.Title ?? Text(item, "headline") ?? Text(item, "name"),
        Published = facts.Published ?? Cleaning.DateStamps.TryParse(Text(item, "datePublished") ?? Text(item, "dateCreated")),
        Byline = facts.Byline ?? Names(item, "author"),
        Source = facts.Source ?? Names(item, "publisher"),
        Url = facts.Url ?? Text(item, "url"),
        Language = facts.Language ?? Text(item, "inLanguage"),
    };

    /// <summary>Objects that look like the article: they carry a headline or a publication date.</summary>
    private static List<JsonElement> ArticleObjects(string block)
    {
        var found = new List<JsonElement>();
        try
        {
            using var document = JsonDocument.Parse(block, new JsonDocumentOptions { MaxDepth = 64, AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            var pending = new Stack<JsonElement>([document.RootElement]);
            for (var visited = 0; pending.Count > 0 && visited < MaxObjectsVisited; visited++)
                Visit(pending.Pop(), pending, found);
            return found.Select(e => e.Clone()).ToList();
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private static void Visit(JsonElement element, Stack<JsonElement> pending, List<JsonElement> found)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var child in element.EnumerateArray().Reverse()) pending.Push(child);
            return;
        }
        if (element.ValueKind != JsonValueKind.Object) return;
        if (element.TryGetProperty("headline", out _) || element.TryGetProperty("datePublished", out _)) found.Add(element);
        if (element.TryGetProperty("@graph", out var graph)) pending.Push(graph);
    }

    private static string? Text(JsonElement item, string property) =>
        item.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>A person or organisation as schema.org gives it: a string, an object with a name, or an array of those.</summary>
    private static string? Names(JsonElement item, string property)
    {
        if (!item.TryGetProperty(property, out var value)) return null;
        var names = (value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().ToList() : [value])
            .Select(v => v.ValueKind switch
            {
                JsonValueKind.String => v.GetString(),
                JsonValueKind.Object => Text(v, "name"),
                _ => null,
            })
            .Where(n => !string.IsNullOrWhiteSpace(n))
            .Take(10)
            .ToList();
        return names.Count == 0 ? null : string.Join(", ", names);
    }
}
