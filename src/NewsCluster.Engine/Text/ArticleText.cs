using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NewsCluster.Engine.Text;

/// <summary>
/// Defensive clean-up applied before any similarity, so that scraping noise that slipped past ingestion does not
/// reach the fingerprints: it keeps body paragraphs and drops repeated lines (duplicated paragraphs, the title
/// repeated in the body), copyright lines and short lines that are not sentences (date lines, "Follow us",
/// "Previous Post Next Post", lists of related headlines). When that would leave nothing, the text is kept.
/// </summary>
public static class ArticleText
{
    /// <summary>Lines of fewer words than this are kept only when they end like a sentence.</summary>
    public const int MinWordsWithoutPunctuation = 13;

    /// <summary>Sentences shorter than this are dropped.</summary>
    public const int MinWordsOfSentence = 5;

    /// <summary>The body paragraphs worth comparing, in order.</summary>
    public static List<string> BodyParagraphs(string title, string text)
    {
        var kept = new List<Range>();
        var fallback = new List<Range>();
        var chosen = BodyParagraphRanges(title, text, kept, fallback, new HashSet<ulong>());
        return chosen.ConvertAll(r => text[r]);
    }

    /// <summary>
    /// <see cref="BodyParagraphs"/> as ranges of <paramref name="text"/>, into caller-owned lists (cleared here), so the
    /// fingerprinting hot path reads the lines in place instead of copying each into a string. Returns the list to use.
    /// </summary>
    internal static List<Range> BodyParagraphRanges(string title, string text, List<Range> kept, List<Range> fallback, HashSet<ulong> seen)
    {
        var keys = new PlainLineKeys();
        return BodyParagraphRanges(title, text, kept, fallback, seen, ref keys);
    }

    /// <summary>
    /// Gives <see cref="BodyParagraphRanges{TKeys}"/> the duplicate key of each non-empty trimmed line, in text order, so
    /// that a caller can compute it while doing its own pass over the line (the fingerprint builder tokenises it).
    /// </summary>
    internal interface ILineKeys
    {
        /// <summary>The line's <see cref="LineKey"/>; <paramref name="lineStart"/> is its offset in the text.</summary>
        ulong KeyOf(ReadOnlySpan<char> line, int lineStart);
    }

    private struct PlainLineKeys : ILineKeys
    {
        public readonly ulong KeyOf(ReadOnlySpan<char> line, int lineStart) => Key(line);
    }

    /// <summary><see cref="BodyParagraphRanges(string, string, List{Range}, List{Range}, HashSet{ulong})"/> with the line keys from <paramref name="keys"/>.</summary>
    internal static List<Range> BodyParagraphRanges<TKeys>(string title, string text, List<Range> kept, List<Range> fallback, HashSet<ulong> seen, ref TKeys keys)
        where TKeys : struct, ILineKeys
    {
        kept.Clear();
        fallback.Clear();
        seen.Clear();
        var titleKey = Key(title);
        var span = text.AsSpan();
        var start = 0;
        while (start <= span.Length)
        {
            var end = span[start..].IndexOf('\n');
            end = end < 0 ? span.Length : start + end;
            var (lineStart, lineLength) = TrimmedRange(span, start, end);
            start = end + 1;
            if (lineLength == 0) continue;
            var line = span.Slice(lineStart, lineLength);
            var key = keys.KeyOf(line, lineStart);
            if (key == 0 || key == titleKey || !seen.Add(key)) continue;
            var range = new Range(lineStart, lineStart + lineLength);
            fallback.Add(range);
            if (IsBoilerplate(line)) continue;
            kept.Add(range);
        }
        return kept.Count > 0 ? kept : fallback;
    }

    /// <summary>The line [start, end) without leading and trailing white space (as string.Trim()).</summary>
    private static (int Start, int Length) TrimmedRange(ReadOnlySpan<char> text, int start, int end)
    {
        while (start < end && char.IsWhiteSpace(text[start])) start++;
        while (end > start && char.IsWhiteSpace(text[end - 1])) end--;
        return (start, end - start);
    }

    /// <summary>Whether a line looks like page furniture rather than article prose.</summary>
    public static bool IsBoilerplate(string line) => IsBoilerplate(line.AsSpan());

    private static bool IsBoilerplate(ReadOnlySpan<char> line)
    {
        if (line.Contains('©') || line.Contains("All Rights Reserved", StringComparison.OrdinalIgnoreCase)) return true;
        var words = WordCount(line, MinWordsWithoutPunctuation);
        if (words >= MinWordsWithoutPunctuation) return false;
        var end = line.TrimEnd("\"'”’»)* ");
        var sentence = end.Length > 0 && end[^1] is '.' or '!' or '?' or '。' or '！' or '？' or '۔' or '؟' or '…';
        return !sentence || words < MinWordsOfSentence;
    }

    /// <summary>Whitespace-separated words, counting two characters of a script without spaces as one word.</summary>
    public static int WordCount(ReadOnlySpan<char> line) => WordCount(line, int.MaxValue);

    /// <summary>
    /// <see cref="WordCount(ReadOnlySpan{char})"/> when it is below <paramref name="enough"/>; otherwise some count of
    /// at least <paramref name="enough"/> (it stops counting there, which is all the boilerplate test needs).
    /// </summary>
    private static int WordCount(ReadOnlySpan<char> line, int enough)
    {
        var words = 0;
        var inWord = false;
        var noSpaceChars = 0;
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            // Sixteen ASCII characters at a time: a word starts at each non-space character that follows a space (or
            // the line start), so a mask of spaces and a shift count the starts with no branch per character, which
            // would mispredict at every word edge. A chunk with any other character goes through the scalar steps.
            var units = MemoryMarshal.Cast<char, ushort>(line);
            for (; i + Vector256<ushort>.Count <= units.Length; i += Vector256<ushort>.Count)
            {
                var chunk = Vector256.Create(units.Slice(i, Vector256<ushort>.Count));
                if ((chunk & Vector256.Create((ushort)0xFF80)) != Vector256<ushort>.Zero)
                {
                    if (CountWords(line.Slice(i, Vector256<ushort>.Count), enough, ref words, ref inWord, ref noSpaceChars)) return words;
                    continue;
                }
                // ' ' or '\t'..'\r', as in the scalar test.
                var space = Vector256.Equals(chunk, Vector256.Create((ushort)' ')) |
                            Vector256.LessThan(chunk - Vector256.Create((ushort)'\t'), Vector256.Create((ushort)('\r' - '\t' + 1)));
                var spaceBits = space.ExtractMostSignificantBits();
                var wordBits = ~spaceBits & 0xFFFF;
                var afterSpace = (spaceBits << 1) | (inWord ? 0u : 1u);
                words += BitOperations.PopCount(wordBits & afterSpace);
                inWord = (wordBits & 0x8000) != 0;
                // Past enough the count only has to stay at least enough.
                if (words >= enough) return words;
            }
        }
        if (CountWords(line[i..], enough, ref words, ref inWord, ref noSpaceChars)) return words;
        return Math.Max(words, noSpaceChars / 2);
    }

    /// <summary>The counting steps of <see cref="WordCount(ReadOnlySpan{char}, int)"/> over some characters; true once it reached <paramref name="enough"/>.</summary>
    private static bool CountWords(ReadOnlySpan<char> chars, int enough, ref int words, ref bool inWord, ref int noSpaceChars)
    {
        foreach (var c in chars)
        {
            if (c < 0x80 ? c is ' ' or (>= '\t' and <= '\r') : char.IsWhiteSpace(c)) { inWord = false; continue; }
            if (c >= '\u2E80' && char.IsLetter(c)) noSpaceChars++;
            if (!inWord)
            {
                if (++words >= enough) return true;
                inWord = true;
            }
        }
        return false;
    }

    /// <summary>
    /// A stable hash of the line's letters and digits, case-folded: equal for lines that differ only in spacing or
    /// punctuation; 0 when it has none. FNV-1a 64 over the folded characters (one step per character), mixed.
    /// </summary>
    internal static ulong LineKey(ReadOnlySpan<char> line) => Key(line);

    private static ulong Key(ReadOnlySpan<char> line)
    {
        var h = Hashing.StableHash.FnvOffsetBasis;
        var any = false;
        foreach (var c in line)
        {
            char lower;
            if (c < 0x80)
            {
                // char.IsLetterOrDigit and char.ToLowerInvariant on ASCII.
                if ((uint)(c - 'a') <= 'z' - 'a' || (uint)(c - '0') <= 9) lower = c;
                else if ((uint)(c - 'A') <= 'Z' - 'A') lower = (char)(c | 0x20);
                else continue;
            }
            else
            {
                if (!char.IsLetterOrDigit(c)) continue;
                lower = char.ToLowerInvariant(c);
            }
            h = (h ^ lower) * Hashing.StableHash.FnvPrime;
            any = true;
        }
        return any ? Hashing.StableHash.Mix64(h) : 0;
    }
}
