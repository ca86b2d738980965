using System.Text;
using NewsCluster.Ingestion.Cleaning;

namespace NewsCluster.Ingestion.Text;

/// <summary>
/// Splits plain text into normalised paragraphs. Scraped text has one paragraph per line; hard-wrapped text (every
/// line short, paragraphs between blank lines) has its lines joined back, or each wrapped line would count as a paragraph.
/// </summary>
internal static class Paragraphs
{
    private const int WrapWidth = 100;

    /// <summary>The paragraphs of <paramref name="text"/>, as slices of it where they were already in normal form.</summary>
    public static List<ReadOnlyMemory<char>> Split(string text)
    {
        var lines = TextNormalizer.NormalizeLines(text);
        if (IsHardWrapped(lines)) return JoinWrappedLines(lines);
        lines.RemoveAll(static line => line.Length == 0);
        return lines;
    }

    /// <summary>
    /// Hard-wrapped text has at least four lines, none long, and at least half of its blocks (runs of non-blank lines)
    /// span more than one line.
    /// </summary>
    private static bool IsHardWrapped(List<ReadOnlyMemory<char>> lines)
    {
        int nonBlank = 0, blocks = 0, multiLineBlocks = 0;
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].Length > WrapWidth) return false;
            if (lines[i].Length == 0) continue;
            nonBlank++;
            if (i > 0 && lines[i - 1].Length > 0) continue;
            blocks++;
            if (i + 1 < lines.Count && lines[i + 1].Length > 0) multiLineBlocks++;
        }
        return nonBlank >= 4 && multiLineBlocks * 2 >= blocks;
    }

    private static List<ReadOnlyMemory<char>> JoinWrappedLines(List<ReadOnlyMemory<char>> lines)
    {
        var paragraphs = new List<ReadOnlyMemory<char>>();
        var current = new StringBuilder();
        foreach (var line in lines.Append(ReadOnlyMemory<char>.Empty))
        {
            if (line.Length > 0)
            {
                if (current.Length > 0) current.Append(' ');
                current.Append(line);
                continue;
            }
            if (current.Length > 0) paragraphs.Add(current.ToString().AsMemory());
            current.Clear();
        }
        return paragraphs;
    }
}
