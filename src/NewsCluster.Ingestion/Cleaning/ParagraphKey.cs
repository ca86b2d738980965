using System.Buffers;
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
        // A key is never longer than its paragraph: ASCII maps one to one, and lower-casing a rune keeps it in the
        // same UTF-16 length (invariant lower-case mappings never cross the BMP/supplementary boundary).
        var buffer = ArrayPool<char>.Shared.Rent(Math.Max(paragraph.Length, 1) * 2);
        var length = 0;
        var span = paragraph.AsSpan();
        var i = 0;
        while (i < span.Length)
        {
            var c = span[i];
            if (c < 0x80)
            {
                // Rune.IsLetterOrDigit and Rune.ToLowerInvariant on ASCII, without the rune machinery.
                if ((uint)(c - 'a') <= 'z' - 'a' || (uint)(c - '0') <= 9) buffer[length++] = c;
                else if ((uint)(c - 'A') <= 'Z' - 'A') buffer[length++] = (char)(c | 0x20);
                i++;
                continue;
            }
            Rune.DecodeFromUtf16(span[i..], out var rune, out var consumed);
            if (Rune.IsLetterOrDigit(rune)) length += Rune.ToLowerInvariant(rune).EncodeToUtf16(buffer.AsSpan(length));
            i += consumed;
        }
        var key = new string(buffer, 0, length);
        ArrayPool<char>.Shared.Return(buffer);
        return key;
    }
}
