namespace NewsCluster.Ingestion.Pipeline;

/// <summary>
/// Base of the reader's wrapper streams: read forward only, no seeking or writing. Subclasses implement the span
/// <see cref="Read(Span{byte})"/> and, where they count, <see cref="ReadSoFar"/>.
/// </summary>
internal abstract class ForwardOnlyStream : Stream
{
    public abstract override int Read(Span<byte> buffer);

    public sealed override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    /// <summary>Bytes handed out so far, reported as <see cref="Position"/>; not every wrapper counts.</summary>
    protected virtual long ReadSoFar => throw new NotSupportedException();

    public sealed override bool CanRead => true;
    public sealed override bool CanSeek => false;
    public sealed override bool CanWrite => false;
    public sealed override long Length => throw new NotSupportedException();
    public sealed override long Position { get => ReadSoFar; set => throw new NotSupportedException(); }
    public sealed override void Flush() { }
    public sealed override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public sealed override void SetLength(long value) => throw new NotSupportedException();
    public sealed override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
