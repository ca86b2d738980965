using DiffPlex;

namespace NewsCluster.Web.Stories;

/// <summary>A run of text in a compared article: plain, or changed against the other side.</summary>
public sealed record DiffSegment(string Text, bool Changed);

/// <summary>A compared article as paragraphs of segments, ready to be HTML-encoded by the page.</summary>
public sealed record DiffedText(IReadOnlyList<IReadOnlyList<DiffSegment>> Paragraphs, int ChangedWords, int Words);

/// <summary>Word-level differences between two texts (DiffPlex word diff), as segments for side-by-side display.</summary>
public static class WordDiff
{
    private static readonly char[] Separators = [' ', '\n'];

    /// <summary>
    /// Compares <paramref name="baseText"/> with <paramref name="otherText"/>: words only in the base are marked on the
    /// base side, words only in the other on the other side.
    /// </summary>
    public static (DiffedText Base, DiffedText Other) Compare(string baseText, string otherText)
    {
        var result = new Differ().CreateWordDiffs(baseText, otherText, ignoreWhitespace: false, separators: Separators);
        var deleted = new HashSet<int>();
        var inserted = new HashSet<int>();
        foreach (var block in result.DiffBlocks)
        {
            for (var i = 0; i < block.DeleteCountA; i++) deleted.Add(block.DeleteStartA + i);
            for (var i = 0; i < block.InsertCountB; i++) inserted.Add(block.InsertStartB + i);
        }
        return (Build(result.PiecesOld, deleted), Build(result.PiecesNew, inserted));
    }

    /// <summary>Text without comparison, in the same shape.</summary>
    public static DiffedText Plain(string text) => Build(new Differ().CreateWordDiffs(text, "", false, Separators).PiecesOld, []);

    private static DiffedText Build(IReadOnlyList<string> pieces, HashSet<int> changed)
    {
        var paragraphs = new List<IReadOnlyList<DiffSegment>>();
        var current = new List<DiffSegment>();
        int words = 0, changedWords = 0;
        for (var i = 0; i < pieces.Count; i++)
        {
            var piece = pieces[i];
            if (piece == "\n")
            {
                if (current.Count > 0) paragraphs.Add(current);
                current = [];
                continue;
            }
            var isWord = piece != " ";
            var isChanged = isWord && changed.Contains(i);
            if (isWord) words++;
            if (isChanged) changedWords++;
            // Merge neighbouring pieces of the same kind so the page renders few elements.
            if (current.Count > 0 && current[^1].Changed == isChanged && (isWord || !isChanged))
                current[^1] = current[^1] with { Text = current[^1].Text + piece };
            else
                current.Add(new DiffSegment(piece, isChanged));
        }
        if (current.Count > 0) paragraphs.Add(current);
        return new DiffedText(paragraphs, changedWords, words);
    }
}
