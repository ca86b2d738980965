using System.Security.Cryptography;
using System.Text;
using NewsCluster.Ingestion.Cleaning;

namespace NewsCluster.Ingestion.Pipeline;

/// <summary>The fields a reader found, before the shared finishing steps (normalising, hashing, the text check).</summary>
internal sealed record DraftFields
{
    public required string Title { get; init; }
    public required IReadOnlyList<string> Paragraphs { get; init; }
    public required string RawText { get; init; }
    public DateTimeOffset? Published { get; init; }
    public string? Byline { get; init; }
    public string? Source { get; init; }
    public string? Url { get; init; }
    public string? Language { get; init; }
}

/// <summary>Finishes every reader's output the same way, so a text file and an HTML page of one article hash alike.</summary>
internal static class DraftFactory
{
    /// <summary>Fewer letters than this is a caption or a stub, not an article.</summary>
    private const int MinimumLetters = 20;
    private const int MaxTitleLength = 300;
    private const int MaxFieldLength = 500;

    public static ArticleDraft Create(DraftFields fields)
    {
        var text = string.Join("\n\n", fields.Paragraphs.Where(p => p.Length > 0));
        if (text.Count(char.IsLetter) < MinimumLetters)
            throw RejectedException.Because(RejectionKeywords.NoArticleText, "no paragraph of article text was found");
        return new ArticleDraft
        {
            Title = Field(fields.Title, MaxTitleLength) ?? "",
            Text = text,
            RawText = fields.RawText,
            ContentHash = Sha256Hex(text),
            Published = fields.Published,
            Byline = Field(fields.Byline, MaxFieldLength),
            Source = Field(fields.Source, MaxFieldLength),
            Url = Field(fields.Url, 2048),
            Language = Field(fields.Language, 35),
        };
    }

    public static string Sha256Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static string? Field(string? value, int maxLength)
    {
        if (value is null) return null;
        var normalized = TextNormalizer.NormalizeInline(value).Trim('*', '_', '#', ' ');
        if (normalized.Length == 0) return null;
        return normalized.Length <= maxLength ? normalized : normalized[..maxLength].TrimEnd() + "…";
    }
}
