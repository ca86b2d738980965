using System.Text.Json;
using System.Text.RegularExpressions;
using NewsCluster.Ingestion.Html;
using NewsCluster.Ingestion.Pipeline;
using NewsCluster.Ingestion.Text;

namespace NewsCluster.Ingestion.Json;

/// <summary>
/// Turns one JSON record into an article: a plain text body goes through the text reader, HTML (an html field, or a
/// text field that is really markup) through the HTML reader; the record's own fields outrank anything detected.
/// </summary>
internal static partial class RecordReader
{
    [GeneratedRegex(@"</p>|<br\s*/?>|</div>|<p[\s>]", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Markup();

    public static ArticleDraft Read(string json, IngestionLimits limits)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = limits.MaxJsonDepth, AllowTrailingCommas = true });
        return Read(document.RootElement, limits);
    }

    public static ArticleDraft Read(JsonElement record, IngestionLimits limits)
    {
        if (record.ValueKind != JsonValueKind.Object)
            throw RejectedException.Because(RejectionKeywords.MalformedJson, $"the record is {Describe(record.ValueKind)}, not an object with article fields");
        var fields = new RecordFields(record);
        var known = fields.Metadata;
        var text = fields.Text;
        if (!string.IsNullOrWhiteSpace(text))
            return Markup().IsMatch(text) ? HtmlArticleReader.ReadDecoded(text, known, limits) : PlainTextReader.Read(text, known);
        if (!string.IsNullOrWhiteSpace(fields.Html)) return HtmlArticleReader.ReadDecoded(fields.Html, known, limits);
        throw RejectedException.Because(RejectionKeywords.NoArticleText, "the record has no text, content, body or html field");
    }

    public static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "an object",
    };
}
