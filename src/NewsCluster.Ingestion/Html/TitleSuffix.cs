namespace NewsCluster.Ingestion.Html;

/// <summary>
/// Removes the site name pages append to or prepend before their titles ("Story | Site", "Story - Section - Site").
/// A part is dropped only when it is the known site name or short while the rest still reads as a headline.
/// </summary>
internal static class TitleSuffix
{
    private static readonly string[] Separators = [" | ", " - ", " — ", " :: ", " · ", " • ", " « ", " » ", " / "];
    private const int MaxSiteWords = 4;
    private const int MinHeadlineWords = 3;

    public static string Strip(string title, string? siteName)
    {
        var current = title.Trim();
        for (var round = 0; round < 3; round++)
        {
            var stripped = StripOnce(current, siteName);
            if (stripped == current) break;
            current = stripped;
        }
        return current;
    }

    private static string StripOnce(string title, string? siteName)
    {
        foreach (var separator in Separators)
        {
            var last = title.LastIndexOf(separator, StringComparison.Ordinal);
            if (last > 0 && IsSiteLike(title[(last + separator.Length)..], title[..last], siteName)) return title[..last].Trim();
            var first = title.IndexOf(separator, StringComparison.Ordinal);
            if (first > 0 && IsSiteName(title[..first], siteName)) return title[(first + separator.Length)..].Trim();
        }
        return title;
    }

    private static bool IsSiteLike(string part, string rest, string? siteName) =>
        IsSiteName(part, siteName) || (Words(part) <= MaxSiteWords && Words(rest) >= MinHeadlineWords && Words(rest) > Words(part));

    private static bool IsSiteName(string part, string? siteName) =>
        siteName is { Length: > 0 } && string.Equals(part.Trim(), siteName.Trim(), StringComparison.OrdinalIgnoreCase);

    private static int Words(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
}
