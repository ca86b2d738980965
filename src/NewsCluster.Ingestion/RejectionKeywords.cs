namespace NewsCluster.Ingestion;

/// <summary>
/// The stable keywords every rejection reason starts with (<c>"keyword: human explanation"</c>), so the web can group
/// and tests can match reasons while the explanations stay free to improve.
/// </summary>
public static class RejectionKeywords
{
    public const string Empty = "empty";
    public const string NoArticleText = "no article text";
    public const string UnsupportedFormat = "unsupported format";
    public const string Binary = "binary";
    public const string Undecodable = "undecodable";
    public const string TooLarge = "too large";
    public const string UnsafePath = "unsafe path";
    public const string CorruptArchive = "corrupt archive";
    public const string MalformedJson = "malformed JSON";

    public static IReadOnlyList<string> All { get; } =
        [Empty, NoArticleText, UnsupportedFormat, Binary, Undecodable, TooLarge, UnsafePath, CorruptArchive, MalformedJson];

    /// <summary>The keyword a reason starts with, or the text before its first colon for a reason from elsewhere.</summary>
    public static string Of(string reason)
    {
        foreach (var keyword in All)
            if (reason.StartsWith(keyword + ":", StringComparison.Ordinal)) return keyword;
        var colon = reason.IndexOf(':');
        return colon < 0 ? reason : reason[..colon];
    }
}
