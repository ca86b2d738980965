using System.Text.RegularExpressions;
using AngleSharp.Dom;

namespace NewsCluster.Ingestion.Html;

/// <summary>
/// Decides which elements are page furniture by tag, ARIA role, visibility and class/id hints, and weighs the hints
/// for content scoring. Class names are matched as whole words, so "commentary" is not "comment".
/// </summary>
internal static partial class Boilerplate
{
    private static readonly HashSet<string> SkippedTags = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "noscript", "template", "iframe", "svg", "canvas", "math", "form", "button", "input", "select",
        "textarea", "nav", "footer", "aside", "menu", "dialog", "object", "embed", "audio", "video", "picture", "img", "figure",
        "header", "head", "title", "label", "option",
    };

    private static readonly HashSet<string> SkippedRoles = new(StringComparer.OrdinalIgnoreCase)
    {
        "navigation", "complementary", "contentinfo", "banner", "dialog", "alertdialog", "menu", "menubar", "search", "toolbar",
    };

    private static readonly HashSet<string> ContentContainers = new(StringComparer.OrdinalIgnoreCase) { "html", "body", "main", "article" };

    [GeneratedRegex(@"(?<![a-z])(?:comments?|disqus|related|share|sharing|social|subscribe|subscription|newsletter|outbrain|taboola|recommend(?:ed|ations?)?|promo|advert(?:isement)?|ads?|ad-slot|cookies?|popup|modal|more-stories|read-more|readmore|most-read|trending)(?![a-z])", Options)]
    private static partial Regex StrongNegative();

    [GeneratedRegex(@"(?<![a-z])(?:sidebar|footer|nav|navbar|navigation|menu|breadcrumbs?|tags?|widget|masthead|banner|meta|byline|author|toolbar|pagination|sponsor(?:ed)?|skip)(?![a-z])", Options)]
    private static partial Regex WeakNegative();

    [GeneratedRegex(@"(?<![a-z])(?:article|articlebody|article-body|article-content|body|content|entry|entry-content|hentry|main|post|post-body|post-content|story|story-body|text|blog)(?![a-z])", Options)]
    private static partial Regex Positive();

    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;

    public static bool IsSkipped(IElement element)
    {
        if (SkippedTags.Contains(element.LocalName) || IsHidden(element)) return true;
        var role = element.GetAttribute("role");
        if (role is not null && SkippedRoles.Contains(role.Trim())) return true;
        if (ContentContainers.Contains(element.LocalName)) return false;
        var hints = Hints(element);
        return hints.Length > 0 && (StrongNegative().IsMatch(hints) || (WeakNegative().IsMatch(hints) && !Positive().IsMatch(hints)));
    }

    /// <summary>+25 for a content hint, -25 for a furniture hint, as a prior for the container's score.</summary>
    public static double HintWeight(IElement element)
    {
        var hints = Hints(element);
        if (hints.Length == 0) return 0;
        return (Positive().IsMatch(hints) ? 25 : 0) - (StrongNegative().IsMatch(hints) || WeakNegative().IsMatch(hints) ? 25 : 0);
    }

    private static string Hints(IElement element) => $"{element.ClassName} {element.Id}".Trim();

    private static bool IsHidden(IElement element)
    {
        if (element.HasAttribute("hidden") || element.GetAttribute("aria-hidden") == "true") return true;
        var style = element.GetAttribute("style");
        return style is not null && (style.Replace(" ", "").Contains("display:none", StringComparison.OrdinalIgnoreCase)
            || style.Replace(" ", "").Contains("visibility:hidden", StringComparison.OrdinalIgnoreCase));
    }
}
