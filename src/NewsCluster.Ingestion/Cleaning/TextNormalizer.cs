using System.Buffers;
using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text;

namespace NewsCluster.Ingestion.Cleaning;

/// <summary>
/// One canonical form for text from any source, so equal articles hash equal: NFKC, straight quotes, two dash forms
/// (hyphen "-" and dash "—", kept apart because a dash separates words and a hyphen joins them), no invisible or
/// control characters, single spaces.
/// </summary>
internal static class TextNormalizer
{
    /// <summary>Normalises one line or paragraph: every whitespace run, line breaks included, becomes one space.</summary>
    public static string NormalizeInline(string text)
    {
        if (text.Length == 0 || IsAlreadyInline(text)) return text;
        return NormalizeOutOfForm(text, text);
    }

    /// <summary>
    /// Normalises text that is not in normal form; <paramref name="asString"/> is the same text as a string when the
    /// caller has one. ASCII needs neither surrogate repair nor NFKC (it is its own composition), so only other text
    /// becomes a string for them.
    /// </summary>
    private static string NormalizeOutOfForm(ReadOnlySpan<char> text, string? asString)
    {
        if (Ascii.IsValid(text)) return MapAndCollapse(text);
        return MapAndCollapse(ComposeCompatibility(ReplaceLoneSurrogates(asString ?? new string(text))));
    }

    /// <summary>Printable ASCII but the backtick: the characters <see cref="Map"/> leaves as they are (spaces aside, which collapse).</summary>
    private static readonly SearchValues<char> SelfMapped =
        SearchValues.Create(Enumerable.Range(' ', '~' - ' ' + 1).Select(c => (char)c).Where(c => c != '`').ToArray());

    /// <summary>Applies <see cref="Map"/> to every character, dropping what maps to '\0' and collapsing spaces.</summary>
    private static string MapAndCollapse(ReadOnlySpan<char> composed)
    {
        var buffer = ArrayPool<char>.Shared.Rent(composed.Length);
        var length = 0;
        var pendingSpace = false;
        var rest = composed;
        while (true)
        {
            // Text out of normal form is mostly ASCII around a few curly quotes or dashes: a stretch of self-mapped
            // characters with single spaces is copied whole, everything else goes one character at a time.
            var special = rest.IndexOfAnyExcept(SelfMapped);
            var plain = special < 0 ? rest : rest[..special];
            if (plain.Length > 1 && !plain.Contains("  ", StringComparison.Ordinal))
            {
                // No doubled space, so after one leading space the stretch starts with a visible character.
                if (plain[0] == ' ')
                {
                    pendingSpace = length > 0;
                    plain = plain[1..];
                }
                var trailingSpace = plain[^1] == ' ';
                if (trailingSpace) plain = plain[..^1];
                if (pendingSpace) buffer[length++] = ' ';
                plain.CopyTo(buffer.AsSpan(length));
                length += plain.Length;
                pendingSpace = trailingSpace;
            }
            else
            {
                foreach (var c in plain) Append(c);
            }
            if (special < 0) break;
            Append(rest[special]);
            rest = rest[(special + 1)..];
        }
        var result = new string(buffer, 0, length);
        ArrayPool<char>.Shared.Return(buffer);
        return result;

        void Append(char c)
        {
            var mapped = c < 0x80 ? MapAscii(c) : Map(c);
            if (mapped == '\0') return;
            if (mapped == ' ')
            {
                pendingSpace = length > 0;
                return;
            }
            if (pendingSpace) buffer[length++] = ' ';
            pendingSpace = false;
            buffer[length++] = mapped;
        }
    }

    /// <summary><see cref="Map"/> restricted to ASCII: the same answers without the switch over Unicode categories.</summary>
    private static char MapAscii(char c) => c switch
    {
        '`' => '\'',
        ' ' or '\t' or '\n' or '\v' or '\f' or '\r' => ' ',
        < ' ' or '\x7F' => '\0',
        _ => c,
    };

    /// <summary>
    /// The common case, decided with vectorised searches: printable ASCII only (so NFKC, surrogates and the mapping
    /// table have nothing to change), no backtick (the one printable ASCII character <see cref="Map"/> rewrites), no
    /// leading, trailing or doubled space. Such a line is its own normal form.
    /// </summary>
    private static bool IsAlreadyInline(ReadOnlySpan<char> span) => !span.ContainsAnyExcept(SelfMapped) && HasSingleInnerSpaces(span);

    /// <summary>The spacing part of <see cref="IsAlreadyInline"/>: no leading, trailing or doubled space (the span is not empty).</summary>
    private static bool HasSingleInnerSpaces(ReadOnlySpan<char> span) =>
        span[0] != ' ' && span[^1] != ' ' && !span.Contains("  ", StringComparison.Ordinal);

    /// <summary>
    /// Splits text into lines at "\r\n", "\r" or "\n" and normalises each; blank lines stay (as empty slices) because
    /// they mark paragraphs. A line already in normal form stays a slice of <paramref name="text"/>: no copy at all.
    /// </summary>
    public static List<ReadOnlyMemory<char>> NormalizeLines(string text)
    {
        var lines = new List<ReadOnlyMemory<char>>(text.AsSpan().Count('\n') + 1);
        var start = 0;
        while (true)
        {
            // One scan finds the line break or, first, what takes the line out of normal form (line breaks are not
            // self-mapped); only such a line is searched again for its end.
            var end = IndexOfNotSelfMappedOrDoubledSpace(text.AsSpan(start));
            var clean = end < 0 || text[start + end] is '\r' or '\n';
            if (!clean)
            {
                var lineBreak = text.AsSpan(start + end).IndexOfAny('\r', '\n');
                end = lineBreak < 0 ? -1 : end + lineBreak;
            }
            var line = text.AsMemory(start, end < 0 ? text.Length - start : end);
            lines.Add(line.Length == 0 || (clean && line.Span[0] != ' ' && line.Span[^1] != ' ') ? line : NormalizeOutOfForm(line.Span, null).AsMemory());
            if (end < 0) return lines;
            end += start;
            start = end + (text[end] == '\r' && end + 1 < text.Length && text[end + 1] == '\n' ? 2 : 1);
        }
    }

    /// <summary>
    /// The index of the first character that is not <see cref="SelfMapped"/> or that starts a doubled space, or -1: the
    /// searches IndexOfAnyExcept(SelfMapped) and IndexOf("  ") in one vectorised pass.
    /// </summary>
    private static int IndexOfNotSelfMappedOrDoubledSpace(ReadOnlySpan<char> text)
    {
        var chars = MemoryMarshal.Cast<char, ushort>(text);
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var space = Vector256.Create((ushort)' ');
            var backtick = Vector256.Create((ushort)'`');
            var printableSpan = Vector256.Create((ushort)('~' - ' '));
            // Each block is compared with the block one character later, which must lie inside the text.
            for (; i + Vector256<ushort>.Count < chars.Length; i += Vector256<ushort>.Count)
            {
                var block = Vector256.Create(chars.Slice(i, Vector256<ushort>.Count));
                var next = Vector256.Create(chars.Slice(i + 1, Vector256<ushort>.Count));
                // Unsigned wrap-around makes the printable range test one comparison.
                var notSelfMapped = Vector256.GreaterThan(block - space, printableSpan) | Vector256.Equals(block, backtick);
                var doubledSpace = Vector256.Equals(block, space) & Vector256.Equals(next, space);
                var found = (notSelfMapped | doubledSpace).ExtractMostSignificantBits();
                if (found != 0) return i + BitOperations.TrailingZeroCount(found);
            }
        }
        for (; i < chars.Length; i++)
        {
            var c = chars[i];
            if ((uint)(c - ' ') > '~' - ' ' || c == '`' || (c == ' ' && i + 1 < chars.Length && chars[i + 1] == ' ')) return i;
        }
        return -1;
    }

    private static string ComposeCompatibility(string text) =>
        text.IsNormalized(NormalizationForm.FormKC) ? text : text.Normalize(NormalizationForm.FormKC);

    /// <summary>Returns ' ' for whitespace, '\0' for characters to drop, else the canonical character.</summary>
    private static char Map(char c) => c switch
    {
        '\u2018' or '\u2019' or '\u201A' or '\u201B' or '\u2032' or '\u00B4' or '\u0060' => '\'',
        '\u201C' or '\u201D' or '\u201E' or '\u201F' or '\u2033' or '\u00AB' or '\u00BB' => '"',
        '\u2010' or '\u2011' or '\u2012' or '\u2212' or '\u2043' => '-',
        '\u2013' or '\u2014' or '\u2015' or '\u2E3A' or '\u2E3B' => '\u2014',
        // Zero-width joiners (U+200C, U+200D) are kept: Persian, Urdu and Indic spelling depends on them.
        '\u200B' or '\u2060' or '\uFEFF' or '\u00AD' or '\u200E' or '\u200F' => '\0',
        _ when char.IsWhiteSpace(c) => ' ',
        _ when char.IsControl(c) => '\0',
        _ when char.GetUnicodeCategory(c) == UnicodeCategory.Format && c is not ('\u200C' or '\u200D') => '\0',
        _ => c,
    };

    /// <summary>Normalize() throws on unpaired surrogates, which truncated or fuzzed input produces.</summary>
    private static string ReplaceLoneSurrogates(string text)
    {
        if (!HasLoneSurrogate(text)) return text;
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (char.IsHighSurrogate(chars[i]) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1])) i++;
            else if (char.IsSurrogate(chars[i])) chars[i] = '\uFFFD';
        }
        return new string(chars);
    }

    private static bool HasLoneSurrogate(string text)
    {
        if (!text.AsSpan().ContainsAnyInRange('\uD800', '\uDFFF')) return false;
        for (var i = 0; i < text.Length; i++)
        {
            if (!char.IsSurrogate(text[i])) continue;
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) i++;
            else return true;
        }
        return false;
    }
}
