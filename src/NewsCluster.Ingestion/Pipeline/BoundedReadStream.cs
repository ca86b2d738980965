namespace NewsCluster.Ingestion.Pipeline;

/// <summary>
/// Refuses to read past a byte limit, whatever a header claimed: the only trustworthy size of compressed or streamed
/// data is the count of bytes actually produced. Going over raises a <c>too large:</c> rejection.
/// </summary>
internal sealed class BoundedReadStream(Stream inner, long limit, string whatIsLimited) : Stream
{
    public long BytesRead { get; private set; }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        // Ask for one byte past the limit so an input of exactly the limit passes and one byte more is caught.
        var allowed = (int)Math.Min(buffer.Length, limit - BytesRead + 1);
        var n = inner.Read(buffer[..allowed]);
        BytesRead += n;
        if (BytesRead > limit)
            throw RejectedException.Because(RejectionKeywords.TooLarge, $"{whatIsLimited} is larger than the limit of {Bytes.Describe(limit)}");
        return n;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => BytesRead; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

internal static class Bytes
{
    public static string Describe(long bytes) => bytes switch
    {
        >= 1L << 30 => $"{bytes / (double)(1L << 30):0.#} GiB",
        >= 1L << 20 => $"{bytes / (double)(1L << 20):0.#} MiB",
        >= 1L << 10 => $"{bytes / 1024.0:0.#} KiB",
        _ => $"{bytes} bytes",
    };

    /// <summary>Reads a whole document into memory, refusing it past <paramref name="limit"/> bytes.</summary>
    public static byte[] ReadAll(Stream stream, long limit, string what)
    {
        using var bounded = new BoundedReadStream(stream, limit, what);
        using var memory = new MemoryStream();
        bounded.CopyTo(memory);
        return memory.ToArray();
    }
}
