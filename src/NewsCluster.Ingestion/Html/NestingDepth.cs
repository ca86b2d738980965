namespace NewsCluster.Ingestion.Html;

/// <summary>
/// Estimates how deep a page's elements nest, in one linear pass over the markup, before any parser sees it. HTML
/// tree building checks scopes down the open-element stack for every tag, so 100,000 nested divs would cost
/// quadratic time and recursive tree walks would overflow the stack; such pages are refused up front.
/// </summary>
internal static class NestingDepth
{
    // Elements that never nest (void) or that the parser closes implicitly, which would otherwise inflate the estimate.
    private static readonly HashSet<string> NonNesting = new(StringComparer.OrdinalIgnoreCase)
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
        "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "tbody", "thead", "tfoot", "colgroup", "rb", "rt", "rp", "!doctype",
    };

    private static readonly string[] RawTextElements = ["script", "style", "textarea", "title", "xmp", "noembed", "noframes", "plaintext"];

    public static int Estimate(string html)
    {
        int depth = 0, deepest = 0, i = 0;
        while ((i = html.IndexOf('<', i)) >= 0)
        {
            if (string.CompareOrdinal(html, i, "<!--", 0, 4) == 0)
            {
                i = SkipPast(html, i + 4, "-->");
                continue;
            }
            var closing = i + 1 < html.Length && html[i + 1] == '/';
            var name = TagName(html, closing ? i + 2 : i + 1);
            var end = html.IndexOf('>', i + 1);
            if (end < 0) break;
            if (name.Length > 0 && !NonNesting.Contains(name))
            {
                if (closing) depth = Math.Max(0, depth - 1);
                else if (html[end - 1] != '/') deepest = Math.Max(deepest, ++depth);
            }
            i = !closing && IsRawText(name) ? SkipPast(html, end + 1, "</" + name) : end + 1;
        }
        return deepest;
    }

    private static string TagName(string html, int start)
    {
        var end = start;
        while (end < html.Length && end - start < 32 && (char.IsAsciiLetterOrDigit(html[end]) || html[end] is '!' or '-' or ':')) end++;
        return end > start && (char.IsAsciiLetter(html[start]) || html[start] == '!') ? html[start..end] : "";
    }

    private static bool IsRawText(string name) => RawTextElements.Contains(name, StringComparer.OrdinalIgnoreCase);

    private static int SkipPast(string html, int start, string marker)
    {
        if (start >= html.Length) return html.Length;
        var found = html.IndexOf(marker, start, StringComparison.OrdinalIgnoreCase);
        return found < 0 ? html.Length : found + marker.Length;
    }
}
