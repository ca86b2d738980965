using NewsCluster.Ingestion.Cleaning;

namespace NewsCluster.Ingestion.Text;

/// <summary>
/// Splits plain text into normalised paragraphs. Scraped text has one paragraph per line; hard-wrapped text (every
/// line short, paragraphs between blank lines) has its lines joined back, or each wrapped line would count as a paragraph.
/// </summary>
internal static class Paragraphs
{
    private const int WrapWidth = 100;

    public static List<string> Split(string text)
    {
        var lines = TextNormalizer.NormalizeLines(text.Replace("\r\n", "\n").Replace('\r', '\n'));
        return IsHardWrapped(lines) ? JoinWrappedLines(lines) : lines.Where(l => l.Length > 0).ToList();
    }

    private static bool IsHardWrapped(List<string> lines)
    {
        if (lines.Count(l => l.Length > 0) < 4 || lines.Any(l => l.Length > WrapWidth)) return false;
        var blocks = JoinWrappedLines(lines).Count;
        var multiLineBlocks = 0;
        for (var i = 0; i + 1 < lines.Count; i++)
            if (lines[i].Length > 0 && lines[i + 1].Length > 0 && (i == 0 || lines[i - 1].Length == 0)) multiLineBlocks++;
        return multiLineBlocks * 2 >= blocks;
    }

    private static List<string> JoinWrappedLines(List<string> lines)
    {
        var paragraphs = new List<string>();
        var current = new List<string>();
        foreach (var line in lines.Append(""))
        {
            if (line.Length > 0)
            {
                current.Add(line);
                continue;
            }
            if (current.Count > 0) paragraphs.Add(string.Join(' ', current));
            current.Clear();
        }
        return paragraphs;
    }
}
