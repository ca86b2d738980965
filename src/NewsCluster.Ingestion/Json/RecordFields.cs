using System.Globalization;
using System.Text.Json;
using NewsCluster.Ingestion.Cleaning;
using NewsCluster.Ingestion.Text;

namespace NewsCluster.Ingestion.Json;

/// <summary>
/// Reads the fields of one JSON record under the many names exports use for them (case-insensitive; the first name
/// present wins): title/headline, text/content/body, html, url/link, date/published, source/site, author/byline.
/// </summary>
internal sealed class RecordFields
{
    private static readonly string[] TitleNames = ["title", "headline", "name"];
    private static readonly string[] TextNames = ["text", "content", "body", "article", "articlebody", "article_body", "fulltext", "full_text", "maintext", "main_text", "description"];
    private static readonly string[] HtmlNames = ["html", "content_html", "contenthtml", "raw_html", "rawhtml", "body_html", "page"];
    private static readonly string[] UrlNames = ["url", "link", "canonical_url", "canonicalurl", "uri", "permalink"];
    private static readonly string[] DateNames = ["date", "published", "published_at", "publishedat", "pubdate", "pub_date", "datepublished", "date_published", "publish_date", "created_at", "timestamp", "time"];
    private static readonly string[] SourceNames = ["source", "site", "site_name", "sitename", "publisher", "outlet", "domain", "source_name"];
    private static readonly string[] AuthorNames = ["author", "byline", "authors", "creator", "writer"];
    private static readonly string[] LanguageNames = ["language", "lang", "inlanguage", "locale"];

    private readonly Dictionary<string, JsonElement> _properties = new(StringComparer.OrdinalIgnoreCase);

    public RecordFields(JsonElement record)
    {
        foreach (var property in record.EnumerateObject()) _properties.TryAdd(property.Name, property.Value);
    }

    public string? Text => String(TextNames);
    public string? Html => String(HtmlNames);

    public KnownMetadata Metadata => new()
    {
        Title = String(TitleNames),
        Published = Date(),
        Byline = Names(AuthorNames),
        Source = Names(SourceNames),
        Url = String(UrlNames),
        Language = String(LanguageNames)?.Replace('_', '-'),
    };

    private JsonElement? Find(string[] names)
    {
        foreach (var name in names)
            if (_properties.TryGetValue(name, out var value) && value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined)) return value;
        return null;
    }

    private string? String(string[] names) => Find(names) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    /// <summary>Dates come as strings in any common form, or as Unix time in seconds or milliseconds.</summary>
    private DateTimeOffset? Date()
    {
        var value = Find(DateNames);
        if (value is { ValueKind: JsonValueKind.String }) return DateStamps.TryParse(value.Value.GetString());
        if (value is not { ValueKind: JsonValueKind.Number } || !value.Value.TryGetInt64(out var number)) return null;
        var seconds = number > 100_000_000_000 ? number / 1000 : number;
        return seconds is > 0 and < 7_258_118_400 ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;
    }

    /// <summary>People and outlets appear as a string, an object with a name, or an array of either.</summary>
    private string? Names(string[] names)
    {
        var value = Find(names);
        if (value is null) return null;
        var items = value.Value.ValueKind == JsonValueKind.Array ? value.Value.EnumerateArray().Take(20).ToList() : [value.Value];
        var found = items.Select(NameOf).Where(n => !string.IsNullOrWhiteSpace(n)).ToList();
        return found.Count == 0 ? null : string.Join(", ", found);
    }

    private static string? NameOf(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Object when element.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String => name.GetString(),
        JsonValueKind.Number => element.GetRawText().ToString(CultureInfo.InvariantCulture),
        _ => null,
    };
}
