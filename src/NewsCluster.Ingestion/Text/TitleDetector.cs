using NewsCluster.Ingestion.Cleaning;

namespace NewsCluster.Ingestion.Text;

/// <summary>Where the title sits among a text file's first paragraphs.</summary>
/// <param name="Index">Its position, or -1 when the title was derived from the body and nothing is to be removed.</param>
internal sealed record TitleLocation(string Title, int Index);

/// <summary>
/// Finds the title of a plain-text article. Scrapes often put a summary line first and repeat the title, so a line
/// that appears twice near the top wins; otherwise the first headline-shaped line; otherwise the first sentence.
/// </summary>
internal static class TitleDetector
{
    private const int HeaderWindow = 8;
    private const int DerivedTitleLength = 120;

    public static TitleLocation Find(IReadOnlyList<string> paragraphs)
    {
        var header = Candidates(paragraphs).ToList();
        return RepeatedLine(header) ?? FirstHeadline(header) ?? DerivedFromFirstSentence(paragraphs);
    }

    private static IEnumerable<(string Text, int Index)> Candidates(IReadOnlyList<string> paragraphs) =>
        paragraphs.Take(HeaderWindow)
            .Select((text, index) => (text, index))
            .Where(p => p.text.Length > 0 && !DateStamps.IsDateStampLine(p.text) && !NoiseLines.IsNoise(p.text));

    private static TitleLocation? RepeatedLine(List<(string Text, int Index)> header)
    {
        for (var i = 0; i < header.Count; i++)
        {
            if (!Headlines.LooksLikeHeadline(header[i].Text)) continue;
            var key = ParagraphKey.Of(header[i].Text);
            if (key.Length == 0) continue;
            for (var j = i + 1; j < header.Count; j++)
                if (ParagraphKey.Matches(header[j].Text, key)) return new TitleLocation(header[i].Text, header[i].Index);
        }
        return null;
    }

    private static TitleLocation? FirstHeadline(List<(string Text, int Index)> header)
    {
        // Only the first three lines may hold the title: a headline-shaped line further down is a subheading.
        foreach (var (text, index) in header.Where(p => p.Index < 3))
            if (Headlines.LooksLikeHeadline(text)) return new TitleLocation(text, index);
        return null;
    }

    private static TitleLocation DerivedFromFirstSentence(IReadOnlyList<string> paragraphs)
    {
        var first = paragraphs.FirstOrDefault(p => p.Length > 0) ?? "";
        var end = first.IndexOfAny(['.', '!', '?']);
        var sentence = end > 0 ? first[..(end + 1)] : first;
        if (sentence.Length <= DerivedTitleLength) return new TitleLocation(sentence.TrimEnd('.'), -1);
        var cut = sentence.LastIndexOf(' ', DerivedTitleLength);
        return new TitleLocation(sentence[..(cut > 0 ? cut : DerivedTitleLength)] + "…", -1);
    }
}
