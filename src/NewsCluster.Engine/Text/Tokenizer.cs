using System.Globalization;
using System.Text;

namespace NewsCluster.Engine.Text;

/// <summary>Splits text into lower-case words made of Unicode letters and digits, in any script.</summary>
public static class Tokenizer
{
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a","an","and","are","as","at","be","been","but","by","for","from","has","have","he","her","his","in","is","it",
        "its","of","on","or","that","the","their","there","they","this","to","was","were","which","will","with","would",
    };

    public static IEnumerable<string> Words(string text)
    {
        var sb = new StringBuilder();
        foreach (var ch in text)
        {
            if (char.IsLetterOrDigit(ch) || CharUnicodeInfo.GetUnicodeCategory(ch) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark)
            {
                sb.Append(char.ToLowerInvariant(ch));
            }
            else if (sb.Length > 0)
            {
                yield return sb.ToString();
                sb.Clear();
            }
        }
        if (sb.Length > 0) yield return sb.ToString();
    }

    public static IEnumerable<string> ContentWords(string text) =>
        Words(text).Where(w => w.Length > 1 && !StopWords.Contains(w));
}
