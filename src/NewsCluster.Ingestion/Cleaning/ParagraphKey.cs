using System.Buffers;
using System.Text;

namespace NewsCluster.Ingestion.Cleaning;

/// <summary>
/// The comparison form of a paragraph: lower-case letters and digits only, so a duplicate that differs in
/// punctuation, case or spacing (a re-scraped copy, markdown emphasis) still counts as the same paragraph.
/// </summary>
internal static class ParagraphKey
{
    private static readonly char[] AsciiKey = BuildAsciiKey();

    private static char[] BuildAsciiKey()
    {
        var table = new char[128];
        for (var c = '0'; c <= '9'; c++) table[c] = c;
        for (var c = 'a'; c <= 'z'; c++) table[c] = c;
        for (var c = 'A'; c <= 'Z'; c++) table[c] = (char)(c | 0x20);
        return table;
    }

    /// <summary>
    /// Room to give <see cref="Write"/> for a paragraph of <paramref name="paragraphLength"/> characters: twice the
    /// length, a margin over the bound argued there that costs only capacity.
    /// </summary>
    public static int MaxKeyLength(int paragraphLength) => paragraphLength * 2;

    public static string Of(string paragraph)
    {
        var buffer = ArrayPool<char>.Shared.Rent(Math.Max(MaxKeyLength(paragraph.Length), 1));
        var key = new string(buffer, 0, Write(paragraph, buffer));
        ArrayPool<char>.Shared.Return(buffer);
        return key;
    }

    /// <summary>
    /// Writes the key of <paramref name="paragraph"/> to <paramref name="destination"/> (at least
    /// <see cref="MaxKeyLength"/> long) and returns its length, so callers that only compare keys need no string.
    /// </summary>
    public static int Write(ReadOnlySpan<char> paragraph, Span<char> destination)
    {
        // A key is never longer than its paragraph: ASCII maps one to one, and lower-casing a rune keeps it in the
        // same UTF-16 length (invariant lower-case mappings never cross the BMP/supplementary boundary).
        var length = 0;
        var i = 0;
        while (i < paragraph.Length)
        {
            var c = paragraph[i];
            if (c < 0x80)
            {
                // Rune.IsLetterOrDigit and Rune.ToLowerInvariant on ASCII, by table: the kept form, or 0 to skip.
                // Written unconditionally and kept by the count, without a branch: length <= i, so there is room.
                var k = AsciiKey[c];
                destination[length] = k;
                length += k == 0 ? 0 : 1;
                i++;
                continue;
            }
            Rune.DecodeFromUtf16(paragraph[i..], out var rune, out var consumed);
            if (Rune.IsLetterOrDigit(rune)) length += Rune.ToLowerInvariant(rune).EncodeToUtf16(destination[length..]);
            i += consumed;
        }
        return length;
    }

    /// <summary>
    /// Whether <c>Of(paragraph) == key</c>, decided while walking the paragraph: it stops at the first character that
    /// differs, so comparing a headline with body paragraphs costs a few characters each, not a key each.
    /// </summary>
    public static bool Matches(string paragraph, ReadOnlySpan<char> key)
    {
        var span = paragraph.AsSpan();
        Span<char> lowered = stackalloc char[2];
        var at = 0;
        var i = 0;
        while (i < span.Length)
        {
            var c = span[i];
            if (c < 0x80)
            {
                var k = AsciiKey[c];
                i++;
                if (k == 0) continue;
                if (at >= key.Length || key[at] != k) return false;
                at++;
                continue;
            }
            Rune.DecodeFromUtf16(span[i..], out var rune, out var consumed);
            i += consumed;
            if (!Rune.IsLetterOrDigit(rune)) continue;
            var n = Rune.ToLowerInvariant(rune).EncodeToUtf16(lowered);
            if (at + n > key.Length || !key.Slice(at, n).SequenceEqual(lowered[..n])) return false;
            at += n;
        }
        return at == key.Length;
    }
}
