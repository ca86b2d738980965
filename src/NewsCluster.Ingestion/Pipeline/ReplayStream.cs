namespace NewsCluster.Ingestion.Pipeline;

/// <summary>
/// A forward-only stream that first returns bytes already read for sniffing, then the rest of the source, so formats
/// can be sniffed on non-seekable streams (archive entries, uploads) without reading them twice.
/// </summary>
internal sealed class ReplayStream(byte[] head, Stream rest) : ForwardOnlyStream
{
    private int _headPosition;

    /// <summary>
    /// Reads up to <paramref name="count"/> bytes from the start of <paramref name="source"/> for sniffing and returns a
    /// stream that still starts at them: the source itself, rewound, when it can seek (zip needs that), else a replay.
    /// </summary>
    public static Stream Peek(Stream source, int count, out byte[] head)
    {
        var buffer = new byte[count];
        var filled = source.ReadAtLeast(buffer, count, throwOnEndOfStream: false);
        head = filled == count ? buffer : buffer[..filled];
        if (!source.CanSeek) return new ReplayStream(head, source);
        source.Seek(-filled, SeekOrigin.Current);
        return source;
    }

    public override int Read(Span<byte> buffer)
    {
        if (_headPosition < head.Length)
        {
            var n = Math.Min(buffer.Length, head.Length - _headPosition);
            head.AsSpan(_headPosition, n).CopyTo(buffer);
            _headPosition += n;
            return n;
        }
        return rest.Read(buffer);
    }
}
