namespace NewsCluster.Ingestion.Pipeline;

internal enum InputFormat
{
    Unknown,
    PlainText,
    Html,
    Json,
    JsonLines,
    Zip,
    Tar,
    Gzip,
    Warc,
    /// <summary>A format known not to hold articles we can read (office documents, images, PDF).</summary>
    Unsupported,
}
