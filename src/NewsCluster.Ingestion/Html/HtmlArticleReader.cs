using AngleSharp.Html.Parser;
using NewsCluster.Ingestion.Cleaning;
using NewsCluster.Ingestion.Decoding;
using NewsCluster.Ingestion.Pipeline;
using NewsCluster.Ingestion.Text;

namespace NewsCluster.Ingestion.Html;

/// <summary>Reads one saved HTML page: decode (honouring BOM, header and meta charset), parse, metadata, main text, clean.</summary>
internal static class HtmlArticleReader
{
    /// <param name="headerCharset">A charset from an HTTP Content-Type header (WARC), which outranks the page's meta tag.</param>
    /// <param name="baseUrl">Where the page was fetched from, to resolve relative canonical links.</param>
    public static ArticleDraft Read(byte[] bytes, string? headerCharset, string? baseUrl, IngestionLimits limits)
    {
        var charset = TextDecoder.HasByteOrderMark(bytes) ? null : headerCharset ?? MetaCharset.Find(bytes);
        return ReadDecoded(TextDecoder.Decode(bytes, charset), KnownMetadata.None with { Url = baseUrl }, limits);
    }

    /// <summary>Reads HTML that is already text (a JSON record's html field); known fields outrank the page's own.</summary>
    public static ArticleDraft ReadDecoded(string html, KnownMetadata known, IngestionLimits limits)
    {
        if (string.IsNullOrWhiteSpace(html)) throw RejectedException.Because(RejectionKeywords.Empty, "the page holds no text");
        var depth = NestingDepth.Estimate(html);
        if (depth > limits.MaxHtmlDepth)
            throw RejectedException.Because(RejectionKeywords.TooLarge, $"the page nests elements {depth} deep, over the limit of {limits.MaxHtmlDepth}");
        using var document = new HtmlParser().ParseDocument(html);
        var metadata = MetadataReader.Read(document, known.Url);
        var paragraphs = MainTextExtractor.Extract(document).ConvertAll(paragraph => paragraph.AsMemory());
        var given = known.Title ?? metadata.Title;
        var detected = given is null ? TitleDetector.Find(paragraphs) : null;
        var title = given ?? detected!.Title;
        // A title derived from the first sentence is still body text, so only a real title is removed from the body.
        var cleaned = ArticleCleaner.Clean(paragraphs, detected is { Index: < 0 } ? null : title);
        return DraftFactory.Create(new DraftFields
        {
            Title = title,
            Paragraphs = cleaned.Paragraphs,
            RawText = html,
            Published = known.Published ?? metadata.Published ?? cleaned.Published,
            Byline = known.Byline ?? metadata.Byline ?? cleaned.Byline,
            Source = known.Source ?? metadata.Source,
            Url = metadata.Url ?? known.Url,
            Language = known.Language ?? metadata.Language,
        });
    }
}
