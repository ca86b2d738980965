using NewsCluster.Ingestion.Pipeline;

namespace NewsCluster.Ingestion.Archives;

/// <summary>
/// Counts decompressed bytes as they are produced and refuses a stream that expands too far: past the ratio to its
/// compressed size (judged after a grace of 1 MiB, since small texts legitimately compress well) or past the archive's
/// total budget. Counting real output is what defeats bombs whose headers lie about sizes.
/// </summary>
internal sealed class MeteredStream(Stream inner, Func<long> compressedBytes, ReadScope scope, string what) : ForwardOnlyStream
{
    public const long RatioGraceBytes = 1024 * 1024;

    private long _expanded;

    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer);
        _expanded += n;
        scope.Budget.CountExpanded(n);
        if (_expanded > RatioGraceBytes && _expanded > scope.Limits.MaxExpansionRatio * Math.Max(1, compressedBytes()))
            throw RejectedException.Because(RejectionKeywords.TooLarge,
                $"{what} expands more than {scope.Limits.MaxExpansionRatio:0}× its compressed size (a decompression bomb?)");
        return n;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }

    protected override long ReadSoFar => _expanded;
}

/// <summary>Counts the compressed bytes a decompressor has consumed, for the expansion ratio.</summary>
internal sealed class CountingStream(Stream inner) : ForwardOnlyStream
{
    private readonly byte[] _tail = new byte[4];

    public long BytesRead { get; private set; }

    /// <summary>The last four bytes read (a gzip member's ISIZE field once the stream has ended).</summary>
    public uint LastFourBytes => BitConverter.ToUInt32(_tail);

    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer);
        BytesRead += n;
        RememberTail(buffer[..n]);
        return n;
    }

    private void RememberTail(ReadOnlySpan<byte> read)
    {
        if (read.Length >= 4)
        {
            read[^4..].CopyTo(_tail);
            return;
        }
        _tail.AsSpan(read.Length).CopyTo(_tail);
        read.CopyTo(_tail.AsSpan(4 - read.Length));
    }

    protected override long ReadSoFar => BytesRead;
}
