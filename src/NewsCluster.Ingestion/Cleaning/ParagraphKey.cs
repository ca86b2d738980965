using System.Buffers;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
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
    public static bool Matches(ReadOnlySpan<char> paragraph, ReadOnlySpan<char> key)
    {
        var span = paragraph;
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

    /// <summary>
    /// What every paragraph with the same key shares: the key's length and the sum of its characters. Unequal keys may
    /// share it too, so it only rules matches out; it is computed without writing the key, vectorised for ASCII.
    /// </summary>
    public static KeySummary Summarize(ReadOnlySpan<char> paragraph)
    {
        if (TrySummarizeAscii(paragraph, out var asciiSummary)) return asciiSummary;
        // The walk of Write, summing what it would write.
        var length = 0;
        long sum = 0;
        Span<char> lowered = stackalloc char[2];
        var i = 0;
        while (i < paragraph.Length)
        {
            var c = paragraph[i];
            if (c < 0x80)
            {
                var k = AsciiKey[c];
                sum += k;
                length += k == 0 ? 0 : 1;
                i++;
                continue;
            }
            Rune.DecodeFromUtf16(paragraph[i..], out var rune, out var consumed);
            i += consumed;
            if (!Rune.IsLetterOrDigit(rune)) continue;
            foreach (var unit in lowered[..Rune.ToLowerInvariant(rune).EncodeToUtf16(lowered)])
            {
                sum += unit;
                length++;
            }
        }
        return new KeySummary(length, sum);
    }

    /// <summary>
    /// The ASCII key rule (<see cref="AsciiKey"/>) applied to sixteen characters at a time, summed instead of written;
    /// false as soon as a character is not ASCII (checking as it goes saves a separate pass over ASCII paragraphs).
    /// </summary>
    private static bool TrySummarizeAscii(ReadOnlySpan<char> paragraph, out KeySummary summary)
    {
        summary = default;
        var chars = MemoryMarshal.Cast<char, ushort>(paragraph);
        var length = 0;
        ulong sum = 0;
        var i = 0;
        if (Vector256.IsHardwareAccelerated && chars.Length >= Vector256<ushort>.Count)
        {
            var caseBit = Vector256.Create((ushort)0x20);
            var sums = Vector256<uint>.Zero;
            var blocksInSums = 0;
            for (; i <= chars.Length - Vector256<ushort>.Count; i += Vector256<ushort>.Count)
            {
                // A lane grows by at most 2 * 'z' per block: move the sums to 64 bits long before 2^32 could wrap.
                if (++blocksInSums == 1 << 20)
                {
                    sum += WideSum(sums);
                    sums = Vector256<uint>.Zero;
                    blocksInSums = 0;
                }
                var block = Vector256.Create(chars.Slice(i, Vector256<ushort>.Count));
                if (Vector256.GreaterThanAny(block, Vector256.Create((ushort)0x7F))) return false;
                // c | 0x20 lies in 'a'..'z' exactly for ASCII letters, and is their lower case; unsigned wrap-around
                // makes each range test one comparison.
                var lower = block | caseBit;
                var isLetter = Vector256.LessThanOrEqual(lower - Vector256.Create((ushort)'a'), Vector256.Create((ushort)('z' - 'a')));
                var isDigit = Vector256.LessThanOrEqual(block - Vector256.Create((ushort)'0'), Vector256.Create((ushort)9));
                var kept = isLetter | isDigit;
                var (low, high) = Vector256.Widen(Vector256.ConditionalSelect(isLetter, lower, block) & kept);
                sums += low + high;
                length += BitOperations.PopCount(kept.ExtractMostSignificantBits());
            }
            sum += WideSum(sums);
        }
        for (; i < chars.Length; i++)
        {
            if (chars[i] >= 0x80) return false;
            var k = AsciiKey[chars[i]];
            sum += k;
            length += k == 0 ? 0 : 1;
        }
        summary = new KeySummary(length, (long)sum);
        return true;
    }

    private static ulong WideSum(Vector256<uint> sums)
    {
        var (low, high) = Vector256.Widen(sums);
        return Vector256.Sum(low + high);
    }
}

/// <summary>A paragraph key's length and character sum; see <see cref="ParagraphKey.Summarize"/>.</summary>
internal readonly record struct KeySummary(int Length, long Sum);
