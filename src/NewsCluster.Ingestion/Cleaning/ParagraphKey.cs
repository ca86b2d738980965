using System.Text;

namespace NewsCluster.Ingestion.Cleaning;

/// <summary>
/// The comparison form of a paragraph: lower-case letters and digits only, so a duplicate that differs in
/// punctuation, case or spacing (a re-scraped copy, markdown emphasis) still counts as the same paragraph.
/// </summary>
internal static class ParagraphKey
{
    public static string Of(string paragraph)
    {
        var builder = new StringBuilder(paragraph.Length);
        foreach (var rune in paragraph.EnumerateRunes())
            if (Rune.IsLetterOrDigit(rune)) builder.Append(Rune.ToLowerInvariant(rune));
        return builder.ToString();
    }
}
