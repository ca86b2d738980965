using System.Text.RegularExpressions;

namespace NewsCluster.Ingestion.Cleaning;

/// <summary>
/// Lines scrapers drag in from around an article. Patterns are anchored to the whole line and apply to short lines
/// only, so a real paragraph that mentions "comments" or "subscribers" is never taken for page furniture.
/// </summary>
internal static partial class NoiseLines
{
    private const int MaxNoiseLength = 160;

    [GeneratedRegex(@"^(?:(?:previous|prev|next|older|newer)(?:\s+(?:post|article|story|page))?\s*){1,2}$", Options)]
    private static partial Regex PostNavigation();

    [GeneratedRegex(@"^(?:\d+\s+)?comments?(?:\s*\(\d+\))?:?$|^(?:leave|post|add|write|view|show|load|see)\s+(?:a|all|the)?\s*(?:\d+\s+)?(?:comments?|reply|replies)\b.*$|^no comments(?: yet)?\.?$|^join the (?:conversation|discussion)\.?$", Options)]
    private static partial Regex Comments();

    [GeneratedRegex(@"^follow us\b.*$|^(?:share|share this|share this (?:article|story|post|page)|share on \w+|tweet|email|print|whatsapp|facebook|twitter|linkedin|telegram|copy link)\s*:?$|^share (?:this|the) (?:article|story|post)\b.*$", Options)]
    private static partial Regex SocialPrompts();

    [GeneratedRegex(@"^(?:subscribe|sign up|click here to subscribe|get our|join our)\b.*\b(?:newsletter|updates|alerts|inbox|free|today|now|here|channel)\b.*$|^subscribe\s*[.!]?$|^(?:advertisement|sponsored(?: content)?|skip to (?:main )?content|scroll to continue(?: with content)?)\s*$", Options)]
    private static partial Regex SubscribeAndAds();

    [GeneratedRegex(@"^(?:©|\(c\)\s*\d{4}|copyright\b)|\ball rights reserved\b", Options)]
    private static partial Regex Copyright();

    [GeneratedRegex(@"^(?:read more|read also|also read|see also|related|more)\s*:\s*\S.*$", Options)]
    private static partial Regex InlineCrossLink();

    [GeneratedRegex(@"^(?:more on (?:this |the )?(?:theme|topic|story|subject)|related(?: articles| stories| posts| news| coverage| content| topics| reading)?|read more|read also|also read|see also|further reading|more (?:stories|news|articles|headlines)|more from [\w\s]{1,40}|you (?:may|might) also (?:like|be interested in)|recommended(?: for you| stories| articles)?|most (?:read|popular|viewed)|trending(?: now| stories)?|latest (?:news|stories|headlines)|top stories|editor'?s picks)\s*:?$", Options)]
    private static partial Regex BlockHeading();

    /// <summary>Decoration stripped from both ends before matching (markdown, bullets, quote marks, rules).</summary>
    private const string NoiseTrim = "*_# |>•-";
    private const string HeadingTrim = "*_# |>-";

    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;

    /// <summary>True for a standalone line of page furniture that should never reach the body.</summary>
    public static bool IsNoise(ReadOnlySpan<char> line)
    {
        if (line.Length > MaxNoiseLength) return false;
        var bare = line.Trim(NoiseTrim);
        return bare.Length == 0 || PostNavigation().IsMatch(bare) || Comments().IsMatch(bare) || SocialPrompts().IsMatch(bare)
            || SubscribeAndAds().IsMatch(bare) || Copyright().IsMatch(bare) || InlineCrossLink().IsMatch(bare);
    }

    /// <summary>True for a heading that opens a list of other stories ("MORE ON THEME", "Related", "Read more").</summary>
    public static bool IsRelatedBlockHeading(ReadOnlySpan<char> line) =>
        line.Length <= 60 && BlockHeading().IsMatch(line.Trim(HeadingTrim));
}
