using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using NewsCluster.Ingestion.Cleaning;

namespace NewsCluster.Ingestion.Pipeline;

/// <summary>The fields a reader found, before the shared finishing steps (normalising, hashing, the text check).</summary>
internal sealed record DraftFields
{
    public required string Title { get; init; }
    public required List<ReadOnlyMemory<char>> Paragraphs { get; init; }
    public required string RawText { get; init; }
    public DateTimeOffset? Published { get; init; }
    public string? Byline { get; init; }
    public string? Source { get; init; }
    public string? Url { get; init; }
    public string? Language { get; init; }
}

/// <summary>
/// Finishes every reader's output the same way, so a text file and an HTML page of one article hash alike. The content
/// hash is left empty here: <see cref="ArticleReader"/> fills it in for every article, unless told to skip it.
/// </summary>
internal static class DraftFactory
{
    /// <summary>Fewer letters than this is a caption or a stub, not an article.</summary>
    private const int MinimumLetters = 20;
    private const int MaxTitleLength = 300;
    private const int MaxFieldLength = 500;

    public static ArticleDraft Create(DraftFields fields)
    {
        var text = JoinParagraphs(fields.Paragraphs);
        if (!HasLetters(text, MinimumLetters))
            throw RejectedException.Because(RejectionKeywords.NoArticleText, "no paragraph of article text was found");
        return new ArticleDraft
        {
            Title = Field(fields.Title, MaxTitleLength) ?? "",
            Text = text,
            RawText = fields.RawText,
            ContentHash = "",
            Published = fields.Published,
            Byline = Field(fields.Byline, MaxFieldLength),
            Source = Field(fields.Source, MaxFieldLength),
            Url = Field(fields.Url, 2048),
            Language = Field(fields.Language, 35),
        };
    }

    /// <summary>
    /// One SHA-256 state per thread, reset by each use: one-shot hashing sets up and frees a native digest context per
    /// article. Taken out while in use, so a failure part-way can never leave data in a state that is used again.
    /// </summary>
    [ThreadStatic]
    private static IncrementalHash? t_sha256;

    public static string Sha256Hex(string text)
    {
        var byteCount = Encoding.UTF8.GetMaxByteCount(text.Length);
        var buffer = ArrayPool<byte>.Shared.Rent(byteCount);
        var written = Encoding.UTF8.GetBytes(text, buffer);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        var sha256 = t_sha256 ?? IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        t_sha256 = null;
        sha256.AppendData(buffer, 0, written);
        sha256.GetHashAndReset(hash);
        t_sha256 = sha256;
        ArrayPool<byte>.Shared.Return(buffer);
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>The non-empty paragraphs joined by blank lines (string.Join over a filter, without the enumerators).</summary>
    private static string JoinParagraphs(List<ReadOnlyMemory<char>> paragraphs)
    {
        var count = 0;
        var length = 0;
        for (var i = 0; i < paragraphs.Count; i++)
        {
            if (paragraphs[i].Length == 0) continue;
            length += paragraphs[i].Length + (count > 0 ? 2 : 0);
            count++;
        }
        if (count == 0) return "";
        return string.Create(length, paragraphs, static (span, list) =>
        {
            var at = 0;
            for (var i = 0; i < list.Count; i++)
            {
                var p = list[i];
                if (p.Length == 0) continue;
                if (at > 0) { span[at++] = '\n'; span[at++] = '\n'; }
                p.Span.CopyTo(span[at..]);
                at += p.Length;
            }
        });
    }

    /// <summary>Whether <paramref name="text"/> holds at least <paramref name="minimum"/> letters (char.IsLetter), stopping once it does.</summary>
    private static bool HasLetters(string text, int minimum)
    {
        var letters = 0;
        foreach (var c in text)
            if (char.IsLetter(c) && ++letters >= minimum) return true;
        return letters >= minimum;
    }

    private static string? Field(string? value, int maxLength)
    {
        if (value is null) return null;
        var normalized = TextNormalizer.NormalizeInline(value).Trim('*', '_', '#', ' ');
        if (normalized.Length == 0) return null;
        return normalized.Length <= maxLength ? normalized : normalized[..maxLength].TrimEnd() + "…";
    }
}
