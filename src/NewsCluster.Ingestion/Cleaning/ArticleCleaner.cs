using System.Text.RegularExpressions;

namespace NewsCluster.Ingestion.Cleaning;

/// <summary>What the cleaner kept of a body, plus the metadata it found in lines it removed.</summary>
internal sealed record CleanedBody(List<ReadOnlyMemory<char>> Paragraphs, DateTimeOffset? Published, string? Byline);

/// <summary>
/// Removes what is not the article from a list of normalised paragraphs, whatever format they came from: repeats of
/// the title, date stamps, bylines (kept as metadata), page furniture, related-story blocks with their headline lists,
/// and paragraphs seen before (the first copy stays).
/// </summary>
internal static partial class ArticleCleaner
{
    /// <summary>Date and byline lines count as metadata only near the top; further down they belong to other stories.</summary>
    private const int HeaderParagraphs = 3;

    [GeneratedRegex(@"^(?i:by|written by|author:|reporting by)\s+(\p{Lu}[\p{L}'.\-]*(?:,?\s+(?:\p{Lu}[\p{L}'.\-]*|and|&|de|da|van|von|der|bin|al-\p{L}+)){0,8})$", RegexOptions.CultureInvariant)]
    private static partial Regex BylineLine();

    /// <summary>Keeps one key set per thread: its buffers outlive a call, and a call never runs inside another.</summary>
    [ThreadStatic]
    private static ParagraphKeySet? t_reusableKeys;

    public static CleanedBody Clean(List<ReadOnlyMemory<char>> paragraphs, string? title) => Clean(paragraphs, 0, title);

    /// <summary>Cleans <paramref name="paragraphs"/> from index <paramref name="start"/> on.</summary>
    public static CleanedBody Clean(List<ReadOnlyMemory<char>> paragraphs, int start, string? title)
    {
        // Taken out while in use, so even a nested call could not share it.
        var keys = t_reusableKeys ?? new ParagraphKeySet();
        t_reusableKeys = null;
        var state = new CleaningState(title is null ? null : new TitleKey(ParagraphKey.Of(title), ParagraphKey.Summarize(title)), keys, paragraphs.Count - start);
        for (var i = start; i < paragraphs.Count; i++)
            state.Consider(paragraphs[i]);
        keys.Clear();
        if (keys.IsSmallEnoughToReuse) t_reusableKeys = keys;
        return new CleanedBody(state.Kept, state.Published, state.Byline);
    }

    private sealed record TitleKey(string Key, KeySummary Summary);

    /// <param name="maxKept">How many paragraphs could be kept at most: the list is sized once instead of growing.</param>
    private sealed class CleaningState(TitleKey? title, ParagraphKeySet seenKeys, int maxKept)
    {
        private bool _inRelatedBlock;

        public List<ReadOnlyMemory<char>> Kept { get; } = new(Math.Max(maxKept, 0));
        public DateTimeOffset? Published { get; private set; }
        public string? Byline { get; private set; }

        public void Consider(ReadOnlyMemory<char> paragraph)
        {
            var text = paragraph.Span;
            if (text.Length == 0 || IsInRelatedBlock(text)) return;
            if (NoiseLines.IsRelatedBlockHeading(text))
            {
                _inRelatedBlock = true;
                return;
            }
            if (TakeDateStamp(text) || NoiseLines.IsNoise(text) || TakeByline(text)) return;
            var summary = ParagraphKey.Summarize(text);
            if (summary.Length == 0 || IsTitle(text, summary) || !seenKeys.Add(paragraph, summary)) return;
            Kept.Add(paragraph);
        }

        /// <summary>Whether the paragraph's key is the title's; the summaries rule out nearly every paragraph without a walk.</summary>
        private bool IsTitle(ReadOnlySpan<char> paragraph, KeySummary summary) =>
            title is not null && summary == title.Summary && ParagraphKey.Matches(paragraph, title.Key);

        /// <summary>A related block runs over headlines, their timestamps and furniture until real prose resumes.</summary>
        private bool IsInRelatedBlock(ReadOnlySpan<char> paragraph)
        {
            if (!_inRelatedBlock) return false;
            if (Headlines.LooksLikeHeadline(paragraph) || DateStamps.IsDateStampLine(paragraph) || NoiseLines.IsNoise(paragraph)) return true;
            _inRelatedBlock = false;
            return false;
        }

        private bool TakeDateStamp(ReadOnlySpan<char> paragraph)
        {
            if (!DateStamps.IsDateStampLine(paragraph)) return false;
            if (Kept.Count < HeaderParagraphs) Published ??= DateStamps.TryParse(paragraph.ToString());
            return true;
        }

        private bool TakeByline(ReadOnlySpan<char> paragraph)
        {
            // Groups need a string: only a line that matches becomes one.
            if (Byline is not null || Kept.Count >= HeaderParagraphs || paragraph.Length > 100 || !BylineLine().IsMatch(paragraph)) return false;
            var match = BylineLine().Match(paragraph.ToString());
            if (!match.Success) return false;
            Byline = match.Groups[1].Value.Trim();
            return true;
        }
    }
}
