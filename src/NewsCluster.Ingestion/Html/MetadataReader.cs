using System.Text.RegularExpressions;
using AngleSharp.Dom;
using NewsCluster.Ingestion.Cleaning;

namespace NewsCluster.Ingestion.Html;

/// <summary>
/// Collects a page's title, date, byline, site, canonical URL and language, preferring explicit metadata (Open Graph,
/// article:*, JSON-LD) over what has to be inferred from the markup.
/// </summary>
internal static partial class MetadataReader
{
    private static readonly string[] PublishedKeys =
    [
        "article:published_time", "og:published_time", "datepublished", "pubdate", "publishdate", "publish-date", "publish_date",
        "date", "dc.date", "dc.date.issued", "dcterms.created", "dcterms.issued", "sailthru.date", "parsely-pub-date", "article.published",
    ];

    private static readonly string[] BylineKeys = ["author", "article:author", "byl", "dc.creator", "parsely-author", "sailthru.author"];

    [GeneratedRegex(@"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$", RegexOptions.CultureInvariant)]
    private static partial Regex LanguageTag();

    [GeneratedRegex(@"^\s*(?i:by)\s+", RegexOptions.CultureInvariant)]
    private static partial Regex ByPrefix();

    public static PageMetadata Read(IDocument document, string? baseUrl)
    {
        var meta = MetaValues(document);
        var jsonLd = JsonLdFacts.Read(document.QuerySelectorAll("script[type='application/ld+json']").Select(s => s.TextContent));
        var siteName = First(meta, "og:site_name", "application-name", "twitter:site:name") ?? jsonLd.Source;
        var url = AbsoluteUrl(document.QuerySelector("link[rel~='canonical']")?.GetAttribute("href"), baseUrl)
            ?? AbsoluteUrl(First(meta, "og:url", "twitter:url"), baseUrl) ?? AbsoluteUrl(jsonLd.Url, baseUrl) ?? AbsoluteUrl(baseUrl, null);
        return new PageMetadata
        {
            Title = Title(document, meta, siteName) ?? jsonLd.Title,
            Published = PublishedKeys.Select(k => DateStamps.TryParse(First(meta, k))).FirstOrDefault(d => d is not null)
                ?? jsonLd.Published ?? TimeElement(document),
            Byline = Byline(document, meta) ?? jsonLd.Byline,
            Source = siteName ?? HostOf(url),
            Url = url,
            Language = Language(document, meta) ?? ValidLanguage(jsonLd.Language),
        };
    }

    /// <summary>Meta values by lower-cased property, name, itemprop or http-equiv; the first occurrence wins.</summary>
    private static Dictionary<string, string> MetaValues(IDocument document)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var meta in document.QuerySelectorAll("meta"))
        {
            var key = meta.GetAttribute("property") ?? meta.GetAttribute("name") ?? meta.GetAttribute("itemprop") ?? meta.GetAttribute("http-equiv");
            var content = meta.GetAttribute("content");
            if (key is not null && !string.IsNullOrWhiteSpace(content)) values.TryAdd(key.Trim(), content.Trim());
        }
        return values;
    }

    private static string? First(Dictionary<string, string> meta, params string[] keys) =>
        keys.Select(k => meta.GetValueOrDefault(k)).FirstOrDefault(v => v is not null);

    private static string? Title(IDocument document, Dictionary<string, string> meta, string? siteName)
    {
        var headingElement = document.QuerySelector("article h1, main h1") ?? document.QuerySelector("h1");
        var heading = headingElement is null ? null : VisibleText.Of(headingElement);
        var candidate = new[] { First(meta, "og:title", "twitter:title"), heading, document.Title }
            .Select(t => t is null ? null : TextNormalizer.NormalizeInline(t))
            .FirstOrDefault(t => !string.IsNullOrEmpty(t));
        return candidate is null ? null : TitleSuffix.Strip(candidate, siteName);
    }

    private static DateTimeOffset? TimeElement(IDocument document)
    {
        var time = document.QuerySelector("article time[datetime], main time[datetime], time[pubdate], time[datetime]");
        return DateStamps.TryParse(time?.GetAttribute("datetime"));
    }

    private static string? Byline(IDocument document, Dictionary<string, string> meta)
    {
        var fromMeta = BylineKeys.Select(k => First(meta, k)).FirstOrDefault(v => v is not null && !v.Contains("://", StringComparison.Ordinal));
        var fromMarkup = document.QuerySelector("[rel~='author'], [itemprop='author'], .byline, .author, .article-author") is { } element ? VisibleText.Of(element) : null;
        var byline = fromMeta ?? (fromMarkup is { Length: <= 200 } ? fromMarkup : null);
        if (byline is null) return null;
        var normalized = ByPrefix().Replace(TextNormalizer.NormalizeInline(byline), "");
        return normalized.Length > 0 ? normalized : null;
    }

    private static string? Language(IDocument document, Dictionary<string, string> meta)
    {
        var root = document.DocumentElement;
        return ValidLanguage(root?.GetAttribute("lang")) ?? ValidLanguage(root?.GetAttribute("xml:lang"))
            ?? ValidLanguage(First(meta, "content-language", "language", "dc.language")?.Split(',')[0])
            ?? ValidLanguage(First(meta, "og:locale")?.Replace('_', '-'));
    }

    private static string? ValidLanguage(string? tag)
    {
        var trimmed = tag?.Trim();
        return trimmed is { Length: > 0 and <= 35 } && LanguageTag().IsMatch(trimmed) ? trimmed : null;
    }

    private static string? AbsoluteUrl(string? href, string? baseUrl)
    {
        if (string.IsNullOrWhiteSpace(href)) return null;
        var resolved = Uri.TryCreate(href.Trim(), UriKind.Absolute, out var absolute) ? absolute
            : Uri.TryCreate(baseUrl, UriKind.Absolute, out var root) && Uri.TryCreate(root, href.Trim(), out var relative) ? relative : null;
        return resolved is not null && (resolved.Scheme == Uri.UriSchemeHttp || resolved.Scheme == Uri.UriSchemeHttps) ? resolved.AbsoluteUri : null;
    }

    private static string? HostOf(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? (uri.Host.StartsWith("www.", StringComparison.Ordinal) ? uri.Host[4..] : uri.Host) : null;
}
