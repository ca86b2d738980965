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
    public static bool LooksLikeHeadline(ReadOnlySpan<char> line)
    {
        if (line.Length is 0 or > MaxHeadlineLength || !HasLetter(line) || HasMoreWordsThan(line, MaxHeadlineWords)) return false;
        var end = line.TrimEnd("\"')*_");
        return end.Length > 0 && (end[^1] != '.' || EndsWithInitialism(end)) && end[^1] != ':' && end[^1] != ',';
    }

    private static bool HasLetter(ReadOnlySpan<char> line)
    {
        foreach (var c in line)
            if (char.IsLetter(c)) return true;
        return false;
    }

    /// <summary>Counts words as <c>Split(' ', RemoveEmptyEntries)</c> would, stopping once past <paramref name="limit"/>.</summary>
    private static bool HasMoreWordsThan(ReadOnlySpan<char> line, int limit)
    {
        // Words are at most one more than spaces: most lines are decided by one vectorised count.
        if (line.Count(' ') < limit) return false;
        var words = 0;
        var previous = ' ';
        foreach (var c in line)
        {
            if (c != ' ' && previous == ' ' && ++words > limit) return true;
            previous = c;
        }
        return false;
    }

    private static bool EndsWithInitialism(ReadOnlySpan<char> text) =>
        text.Length >= 4 && text[^1] == '.' && char.IsUpper(text[^2]) && text[^3] == '.' && char.IsUpper(text[^4]);
}
