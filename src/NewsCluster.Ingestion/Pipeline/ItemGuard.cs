using System.Text;
using System.Text.Json;

namespace NewsCluster.Ingestion.Pipeline;

/// <summary>
/// The boundary where failures become rejections: it runs a lazy sequence of items and, if producing the next item
/// throws, ends the sequence with one rejection for <paramref name="path"/> instead of letting the exception out.
/// </summary>
internal static class ItemGuard
{
    public static IEnumerable<ParsedItem> Run(string path, string failureKeyword, Func<IEnumerable<ParsedItem>> produce)
    {
        IEnumerator<ParsedItem>? items = null;
        try
        {
            while (true)
            {
                ParsedItem item;
                try
                {
                    items ??= produce().GetEnumerator();
                    if (!items.MoveNext()) yield break;
                    item = items.Current;
                }
                catch (Exception failure)
                {
                    item = ParsedItem.Rejected(path, ReasonFor(failure, failureKeyword));
                    items = EmptyEnumerator();
                }
                yield return item;
            }
        }
        finally
        {
            DisposeQuietly(items);
        }
    }

    /// <summary>A single-document reader: its one article, or its one rejection.</summary>
    public static ParsedItem One(string path, string failureKeyword, Func<ArticleDraft> read)
    {
        try
        {
            return ParsedItem.Ok(path, read());
        }
        catch (Exception failure)
        {
            return ParsedItem.Rejected(path, ReasonFor(failure, failureKeyword));
        }
    }

    public static string ReasonFor(Exception failure, string failureKeyword) => failure switch
    {
        RejectedException rejected => rejected.Reason,
        JsonException json => $"{RejectionKeywords.MalformedJson}: {FirstSentence(json.Message)}",
        DecoderFallbackException => $"{RejectionKeywords.Undecodable}: the bytes do not fit the declared encoding",
        InvalidDataException or EndOfStreamException when failureKeyword == RejectionKeywords.CorruptArchive =>
            $"{RejectionKeywords.CorruptArchive}: the archive is damaged or truncated ({FirstSentence(failure.Message)})",
        OutOfMemoryException or InsufficientExecutionStackException =>
            $"{RejectionKeywords.TooLarge}: the content needs more memory or nesting than the reader allows",
        _ => $"{failureKeyword}: it could not be read ({FirstSentence(failure.Message)})",
    };

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        var sentence = end > 0 ? message[..end] : message.TrimEnd('.');
        return sentence.Length <= 200 ? sentence : sentence[..200] + "…";
    }

    // Enumerator disposal runs finally blocks that close archives; a broken archive must not throw from there either.
    private static void DisposeQuietly(IDisposable? disposable)
    {
        try
        {
            disposable?.Dispose();
        }
        catch (Exception)
        {
            // Nothing useful remains to report: the item sequence has already ended.
        }
    }

    private static IEnumerator<ParsedItem> EmptyEnumerator() => Enumerable.Empty<ParsedItem>().GetEnumerator();
}
