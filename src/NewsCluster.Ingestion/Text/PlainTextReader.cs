using NewsCluster.Ingestion.Cleaning;
using NewsCluster.Ingestion.Pipeline;

namespace NewsCluster.Ingestion.Text;

/// <summary>Metadata a container already knows about a text body (a JSON record's fields), which wins over detection.</summary>
internal sealed record KnownMetadata
{
    public string? Title { get; init; }
    public DateTimeOffset? Published { get; init; }
    public string? Byline { get; init; }
    public string? Source { get; init; }
    public string? Url { get; init; }
    public string? Language { get; init; }

    public static KnownMetadata None { get; } = new();
}

/// <summary>
/// Reads an article in the seeds' plain-text form: a title near the top (possibly after a summary line, possibly
/// repeated), maybe a date line, then paragraphs one per line or separated by blank lines.
/// </summary>
internal static class PlainTextReader
{
    /// <summary>Lines before the title are a summary or kicker only when there are few of them; otherwise they are body.</summary>
    private const int MaxDroppedLeadLines = 2;

    public static ArticleDraft Read(string decoded, KnownMetadata known)
    {
        var paragraphs = Paragraphs.Split(decoded);
        if (paragraphs.Count == 0) throw RejectedException.Because(RejectionKeywords.Empty, "the file holds no text");
        var title = known.Title is { Length: > 0 } given ? new TitleLocation(TextNormalizer.NormalizeInline(given), -1) : TitleDetector.Find(paragraphs);
        var bodyStart = title.Index >= 0 && title.Index <= MaxDroppedLeadLines ? title.Index + 1 : 0;
        // A title derived from the first sentence is still body text; a given or detected title line is not.
        var cleaned = ArticleCleaner.Clean(paragraphs, bodyStart, title.Index >= 0 || known.Title is not null ? title.Title : null);
        return DraftFactory.Create(new DraftFields
        {
            Title = title.Title,
            Paragraphs = cleaned.Paragraphs,
            RawText = decoded,
            Published = known.Published ?? cleaned.Published,
            Byline = known.Byline ?? cleaned.Byline,
            Source = known.Source,
            Url = known.Url,
            Language = known.Language,
        });
    }
}
