namespace NewsCluster.Ingestion.Pipeline;

/// <summary>
/// A forward-only stream that first returns bytes already read for sniffing, then the rest of the source, so formats
/// can be sniffed on non-seekable streams (archive entries, uploads) without reading them twice.
/// </summary>
internal sealed class ReplayStream(byte[] head, Stream rest) : ForwardOnlyStream
{
    private int _headPosition;

    /// <summary>
    /// Reads the start of <paramref name="source"/> into <paramref name="head"/> for sniffing (as much as fills it, or the
    /// whole source if shorter) and returns a stream that still starts at those bytes: the source itself, rewound, when
    /// it can seek (zip needs that), else a replay holding a copy of them.
    /// </summary>
    public static Stream Peek(Stream source, Span<byte> head, out int filled)
    {
        filled = source.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        if (!source.CanSeek) return new ReplayStream(head[..filled].ToArray(), source);
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
