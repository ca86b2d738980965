namespace NewsCluster.Ingestion.Cleaning;

/// <summary>Shape tests that tell a headline from prose, used for title detection and for related-story lists.</summary>
internal static class Headlines
{
    public const int MaxHeadlineLength = 200;
    private const int MaxHeadlineWords = 30;

    /// <summary>
    /// A headline is short and does not end like a sentence; "?" and "!" are allowed, and a final "." only after an
    /// initialism such as "U.S.".
    /// </summary>
    public static bool LooksLikeHeadline(string line)
    {
        if (line.Length is 0 or > MaxHeadlineLength || !line.Any(char.IsLetter)) return false;
        if (line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length > MaxHeadlineWords) return false;
        var end = line.TrimEnd('"', '\'', ')', '*', '_');
        return end.Length > 0 && (!end.EndsWith('.') || EndsWithInitialism(end)) && !end.EndsWith(':') && !end.EndsWith(',');
    }

    private static bool EndsWithInitialism(string text) =>
        text.Length >= 4 && text[^1] == '.' && char.IsUpper(text[^2]) && text[^3] == '.' && char.IsUpper(text[^4]);
}
