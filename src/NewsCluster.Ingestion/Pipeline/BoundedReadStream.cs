using System.Buffers;
using NewsCluster.Ingestion.Decoding;

namespace NewsCluster.Ingestion.Pipeline;

/// <summary>
/// Refuses to read past a byte limit, whatever a header claimed: the only trustworthy size of compressed or streamed
/// data is the count of bytes actually produced. Going over raises a <c>too large:</c> rejection.
/// </summary>
internal sealed class BoundedReadStream(Stream inner, long limit, string whatIsLimited, long alreadyRead = 0) : ForwardOnlyStream
{
    public long BytesRead { get; private set; } = alreadyRead;

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

    protected override long ReadSoFar => BytesRead;
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
        if (KnownRemainingLength(stream, limit) is { } remaining)
            return ReadAllKnownLength(stream, remaining, limit, what);
        using var bounded = new BoundedReadStream(stream, limit, what);
        using var memory = new MemoryStream();
        bounded.CopyTo(memory);
        return memory.ToArray();
    }

    /// <summary>Documents up to this size are read into a pooled buffer when only their text is kept; larger ones are not pinned in the pool.</summary>
    private const int MaxPooledDocument = 1024 * 1024;

    /// <summary>
    /// Reads a whole document, refusing it past <paramref name="limit"/> bytes, and decodes it as text. Only the text
    /// outlives the call, so a seekable input of modest size is read through a pooled buffer instead of a new array.
    /// </summary>
    public static string ReadAllAsText(Stream stream, long limit, string what)
    {
        if (KnownRemainingLength(stream, limit) is not { } length || length == 0 || length > MaxPooledDocument)
            return TextDecoder.Decode(ReadAll(stream, limit, what));
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var filled = stream.ReadAtLeast(buffer.AsSpan(0, length), length, throwOnEndOfStream: false);
            Span<byte> probe = stackalloc byte[1];
            if (stream.Read(probe) == 0) return TextDecoder.Decode(buffer.AsSpan(0, filled));
            return TextDecoder.Decode(ReadGrown(stream, buffer.AsSpan(0, filled), probe, limit, what));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The length a seekable input states for what is left of it, when that is within the limits; else null.</summary>
    private static int? KnownRemainingLength(Stream stream, long limit) =>
        stream.CanSeek && stream.Length - stream.Position is var remaining && remaining >= 0 && remaining <= limit && remaining < Array.MaxLength
            ? (int)remaining
            : null;

    /// <summary>
    /// A seekable input states its length: read it into an array of that size in one go. Should the input have grown
    /// meanwhile, the rest is read with the same bound as the streamed path.
    /// </summary>
    private static byte[] ReadAllKnownLength(Stream stream, int length, long limit, string what)
    {
        var buffer = new byte[length];
        var filled = stream.ReadAtLeast(buffer, length, throwOnEndOfStream: false);
        Span<byte> probe = stackalloc byte[1];
        if (stream.Read(probe) == 0) return filled == length ? buffer : buffer[..filled];
        return ReadGrown(stream, buffer.AsSpan(0, filled), probe, limit, what);
    }

    /// <summary>The whole input once it turned out longer than stated: what was read, the probe byte, then the rest, bounded.</summary>
    private static byte[] ReadGrown(Stream stream, ReadOnlySpan<byte> read, ReadOnlySpan<byte> probe, long limit, string what)
    {
        using var memory = new MemoryStream();
        memory.Write(read);
        memory.Write(probe);
        if (memory.Length > limit)
            throw RejectedException.Because(RejectionKeywords.TooLarge, $"{what} is larger than the limit of {Describe(limit)}");
        using var bounded = new BoundedReadStream(stream, limit, what, memory.Length);
        bounded.CopyTo(memory);
        return memory.ToArray();
    }
}
