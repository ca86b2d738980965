using System.Text.RegularExpressions;

namespace NewsCluster.Ingestion.Cleaning;

/// <summary>
/// Lines scrapers drag in from around an article. Patterns are anchored to the whole line and apply to short lines
/// only, so a real paragraph that mentions "comments" or "subscribers" is never taken for page furniture.
/// </summary>
internal static partial class NoiseLines
{
    private const int MaxNoiseLength = 160;

    // The kinds of furniture anchored at the line start, each one whole-line pattern.
    internal const string PostNavigation = @"^(?:(?:previous|prev|next|older|newer)(?:\s+(?:post|article|story|page))?\s*){1,2}$";
    internal const string Comments = @"^(?:\d+\s+)?comments?(?:\s*\(\d+\))?:?$|^(?:leave|post|add|write|view|show|load|see)\s+(?:a|all|the)?\s*(?:\d+\s+)?(?:comments?|reply|replies)\b.*$|^no comments(?: yet)?\.?$|^join the (?:conversation|discussion)\.?$";
    internal const string SocialPrompts = @"^follow us\b.*$|^(?:share|share this|share this (?:article|story|post|page)|share on \w+|tweet|email|print|whatsapp|facebook|twitter|linkedin|telegram|copy link)\s*:?$|^share (?:this|the) (?:article|story|post)\b.*$";
    internal const string SubscribeAndAds = @"^(?:subscribe|sign up|click here to subscribe|get our|join our)\b.*\b(?:newsletter|updates|alerts|inbox|free|today|now|here|channel)\b.*$|^subscribe\s*[.!]?$|^(?:advertisement|sponsored(?: content)?|skip to (?:main )?content|scroll to continue(?: with content)?)\s*$";
    internal const string InlineCrossLink = @"^(?:read more|read also|also read|see also|related|more)\s*:\s*\S.*$";

    /// <summary>
    /// The anchored kinds as one alternation: a line matches it exactly when it matches one of them, and most lines are
    /// refused by one regex call instead of five (each call costs more than the few characters it reads).
    /// </summary>
    [GeneratedRegex("(?:" + PostNavigation + ")|(?:" + Comments + ")|(?:" + SocialPrompts + ")|(?:" + SubscribeAndAds + ")|(?:" + InlineCrossLink + ")", Options)]
    private static partial Regex AnchoredFurniture();

    // Not anchored ("... All rights reserved." ends lines), so it keeps its own regex and its substring search.
    internal const string Copyright = @"^(?:©|\(c\)\s*\d{4}|copyright\b)|\ball rights reserved\b";

    [GeneratedRegex(Copyright, Options)]
    private static partial Regex CopyrightLine();

    [GeneratedRegex(@"^(?:more on (?:this |the )?(?:theme|topic|story|subject)|related(?: articles| stories| posts| news| coverage| content| topics| reading)?|read more|read also|also read|see also|further reading|more (?:stories|news|articles|headlines)|more from [\w\s]{1,40}|you (?:may|might) also (?:like|be interested in)|recommended(?: for you| stories| articles)?|most (?:read|popular|viewed)|trending(?: now| stories)?|latest (?:news|stories|headlines)|top stories|editor'?s picks)\s*:?$", Options)]
    private static partial Regex BlockHeading();

    /// <summary>Decoration stripped from both ends before matching (markdown, bullets, quote marks, rules).</summary>
    private const string NoiseTrim = "*_# |>•-";
    private const string HeadingTrim = "*_# |>-";

    internal const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;

    /// <summary>True for a standalone line of page furniture that should never reach the body.</summary>
    public static bool IsNoise(ReadOnlySpan<char> line)
    {
        if (line.Length > MaxNoiseLength) return false;
        var bare = line.Trim(NoiseTrim);
        return bare.Length == 0 || AnchoredFurniture().IsMatch(bare) || CopyrightLine().IsMatch(bare);
    }

    /// <summary>True for a heading that opens a list of other stories ("MORE ON THEME", "Related", "Read more").</summary>
    public static bool IsRelatedBlockHeading(ReadOnlySpan<char> line) =>
        line.Length <= 60 && BlockHeading().IsMatch(line.Trim(HeadingTrim));
}
