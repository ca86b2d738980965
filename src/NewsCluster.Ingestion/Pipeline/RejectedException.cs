namespace NewsCluster.Ingestion.Pipeline;

/// <summary>
/// Raised deep inside a reader when an item must be refused; the item boundary turns it into a <see cref="ParsedItem"/>.
/// Using an exception keeps the many small readers free of result plumbing; it never escapes <see cref="ArticleReader"/>.
/// </summary>
internal sealed class RejectedException(string reason) : Exception(reason)
{
    public string Reason { get; } = reason;

    public static RejectedException Because(string keyword, string explanation) => new($"{keyword}: {explanation}");
}
