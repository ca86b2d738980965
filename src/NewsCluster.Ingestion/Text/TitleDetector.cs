using System.Buffers;
using NewsCluster.Ingestion.Cleaning;

namespace NewsCluster.Ingestion.Text;

/// <summary>Where the title sits among a text file's first paragraphs.</summary>
/// <param name="Index">Its position, or -1 when the title was derived from the body and nothing is to be removed.</param>
internal sealed record TitleLocation(string Title, int Index);

/// <summary>
/// Finds the title of a plain-text article. Scrapes often put a summary line first and repeat the title, so a line
/// that appears twice near the top wins; otherwise the first headline-shaped line; otherwise the first sentence.
/// </summary>
internal static class TitleDetector
{
    private const int HeaderWindow = 8;
    private const int DerivedTitleLength = 120;

    public static TitleLocation Find(List<ReadOnlyMemory<char>> paragraphs)
    {
        Span<int> header = stackalloc int[HeaderWindow];
        var count = Candidates(paragraphs, header);
        header = header[..count];
        return RepeatedLine(paragraphs, header) ?? FirstHeadline(paragraphs, header) ?? DerivedFromFirstSentence(paragraphs);
    }

    /// <summary>Fills <paramref name="header"/> with the indexes of the title candidates among the first lines; returns their count.</summary>
    private static int Candidates(List<ReadOnlyMemory<char>> paragraphs, Span<int> header)
    {
        var count = 0;
        for (var i = 0; i < Math.Min(paragraphs.Count, HeaderWindow); i++)
        {
            var text = paragraphs[i].Span;
            if (text.Length > 0 && !DateStamps.IsDateStampLine(text) && !NoiseLines.IsNoise(text)) header[count++] = i;
        }
        return count;
    }

    private static TitleLocation? RepeatedLine(List<ReadOnlyMemory<char>> paragraphs, ReadOnlySpan<int> header)
    {
        char[]? buffer = null;
        try
        {
            for (var i = 0; i < header.Length; i++)
            {
                var text = paragraphs[header[i]].Span;
                if (!Headlines.LooksLikeHeadline(text)) continue;
                // Headlines are short, so one pooled buffer holds every key.
                buffer ??= ArrayPool<char>.Shared.Rent(ParagraphKey.MaxKeyLength(Headlines.MaxHeadlineLength));
                var key = buffer.AsSpan(0, ParagraphKey.Write(text, buffer));
                if (key.Length == 0) continue;
                for (var j = i + 1; j < header.Length; j++)
                    if (ParagraphKey.Matches(paragraphs[header[j]].Span, key)) return new TitleLocation(text.ToString(), header[i]);
            }
            return null;
        }
        finally
        {
            if (buffer is not null) ArrayPool<char>.Shared.Return(buffer);
        }
    }

    private static TitleLocation? FirstHeadline(List<ReadOnlyMemory<char>> paragraphs, ReadOnlySpan<int> header)
    {
        // Only the first three lines may hold the title: a headline-shaped line further down is a subheading.
        foreach (var index in header)
            if (index < 3 && Headlines.LooksLikeHeadline(paragraphs[index].Span)) return new TitleLocation(paragraphs[index].ToString(), index);
        return null;
    }

    private static TitleLocation DerivedFromFirstSentence(List<ReadOnlyMemory<char>> paragraphs)
    {
        var first = ReadOnlySpan<char>.Empty;
        foreach (var paragraph in paragraphs)
        {
            if (paragraph.Length == 0) continue;
            first = paragraph.Span;
            break;
        }
        var end = first.IndexOfAny('.', '!', '?');
        var sentence = end > 0 ? first[..(end + 1)] : first;
        if (sentence.Length <= DerivedTitleLength) return new TitleLocation(sentence.TrimEnd('.').ToString(), -1);
        // The last space at or before the length limit, as string.LastIndexOf(' ', DerivedTitleLength) finds it.
        var cut = sentence[..(DerivedTitleLength + 1)].LastIndexOf(' ');
        return new TitleLocation(string.Concat(sentence[..(cut > 0 ? cut : DerivedTitleLength)], "…"), -1);
    }
}
