using System.Buffers;
using System.Text;
using System.Text.Unicode;
using NewsCluster.Ingestion.Pipeline;

namespace NewsCluster.Ingestion.Decoding;

/// <summary>
/// Turns bytes into text: a byte-order mark wins, then a declared charset (HTML meta or HTTP header), then UTF-8 if the
/// bytes are valid UTF-8, else Windows-1252 (the superset browsers use for ISO-8859-1). Refuses binary content and
/// bytes that fit none of these.
/// </summary>
internal static class TextDecoder
{
    private static readonly Encoding StrictUtf8 = new UTF8Encoding(false, throwOnInvalidBytes: true);
    private static readonly Encoding StrictUtf16Le = new UnicodeEncoding(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: true);
    private static readonly Encoding StrictUtf16Be = new UnicodeEncoding(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: true);
    private static readonly Encoding Windows1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252)!;

    public static string Decode(ReadOnlySpan<byte> bytes, string? declaredCharset = null) =>
        DecodeByByteOrderMark(bytes) ?? DecodeWithoutByteOrderMark(bytes, declaredCharset);

    /// <summary>True when a byte-order mark fixes the encoding, so declarations inside the content do not count.</summary>
    public static bool HasByteOrderMark(ReadOnlySpan<byte> bytes) =>
        bytes.StartsWith(Utf8Bom) || bytes.StartsWith(Utf16LeBom) || bytes.StartsWith(Utf16BeBom);

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];
    private static ReadOnlySpan<byte> Utf16LeBom => [0xFF, 0xFE];
    private static ReadOnlySpan<byte> Utf16BeBom => [0xFE, 0xFF];

    private static string? DecodeByByteOrderMark(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith(Utf8Bom)) return Strict(StrictUtf8, bytes[3..], "UTF-8");
        if (bytes.StartsWith(Utf16LeBom)) return Strict(StrictUtf16Le, bytes[2..], "UTF-16 little-endian");
        if (bytes.StartsWith(Utf16BeBom)) return Strict(StrictUtf16Be, bytes[2..], "UTF-16 big-endian");
        return null;
    }

    private static string DecodeWithoutByteOrderMark(ReadOnlySpan<byte> bytes, string? declaredCharset)
    {
        var utf16 = GuessUtf16WithoutBom(bytes);
        if (utf16 is not null) return Strict(utf16, bytes, "UTF-16");
        RefuseBinary(bytes);
        var declared = CharsetNames.Resolve(declaredCharset);
        // A page declaring UTF-8 that is not valid UTF-8 is common (mislabelled Windows-1252); detection below handles it.
        if (declared is not null && declared.CodePage != Encoding.UTF8.CodePage) return declared.GetString(bytes);
        if (TryDecodeUtf8(bytes) is { } utf8) return utf8;
        RefuseUnlikelyWindows1252(bytes);
        return Windows1252.GetString(bytes);
    }

    /// <summary>Inputs up to this size are transcoded through a pooled buffer; larger ones are not pinned in the pool.</summary>
    private const int MaxPooledBytes = 1024 * 1024;

    /// <summary>
    /// The bytes as UTF-8 text, or null when they are not valid UTF-8. One pass validates and transcodes, where
    /// Utf8.IsValid followed by GetString would read the bytes twice.
    /// </summary>
    private static string? TryDecodeUtf8(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > MaxPooledBytes) return Utf8.IsValid(bytes) ? Encoding.UTF8.GetString(bytes) : null;
        // UTF-8 never takes fewer bytes than UTF-16 takes chars, so the buffer always has room.
        var buffer = ArrayPool<char>.Shared.Rent(bytes.Length);
        try
        {
            var status = Utf8.ToUtf16(bytes, buffer, out _, out var written, replaceInvalidSequences: false);
            return status == OperationStatus.Done ? new string(buffer, 0, written) : null;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    private static string Strict(Encoding encoding, ReadOnlySpan<byte> bytes, string name)
    {
        try
        {
            return encoding.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw RejectedException.Because(RejectionKeywords.Undecodable, $"the bytes are not valid {name} although the file says it is {name}");
        }
    }

    private static void RefuseBinary(ReadOnlySpan<byte> bytes)
    {
        var known = BinarySniffer.KnownBinaryType(bytes);
        if (known is not null) throw RejectedException.Because(RejectionKeywords.Binary, $"the content is {known}, not text");
        if (BinarySniffer.LooksBinary(bytes))
            throw RejectedException.Because(RejectionKeywords.Binary, "the content holds NUL or control bytes, so it is not text");
    }

    /// <summary>
    /// Western text in Windows-1252 has a few accented bytes among ASCII; a large share of high bytes that are not
    /// UTF-8 means another legacy encoding (Shift-JIS, GBK, KOI8...) that guessing would turn into mojibake.
    /// </summary>
    private static void RefuseUnlikelyWindows1252(ReadOnlySpan<byte> bytes)
    {
        var high = 0;
        foreach (var b in bytes)
            if (b >= 0x80) high++;
        if (high * 4 > bytes.Length)
            throw RejectedException.Because(RejectionKeywords.Undecodable,
                "the bytes are neither UTF-8 nor Western (Windows-1252) text and declare no charset; save the file as UTF-8");
    }

    /// <summary>BOM-less UTF-16 shows as a NUL in every other byte of mostly-ASCII text; without this it would look binary.</summary>
    private static Encoding? GuessUtf16WithoutBom(ReadOnlySpan<byte> bytes)
    {
        var sample = bytes[..(Math.Min(bytes.Length, 4096) & ~1)];
        if (sample.Length < 8 || sample.IndexOf((byte)0) < 0) return null;
        int evenNuls = 0, oddNuls = 0;
        for (var i = 0; i < sample.Length; i += 2)
        {
            if (sample[i] == 0) evenNuls++;
            if (sample[i + 1] == 0) oddNuls++;
        }
        var pairs = sample.Length / 2;
        if (oddNuls * 10 > pairs * 7 && evenNuls == 0) return StrictUtf16Le;
        if (evenNuls * 10 > pairs * 7 && oddNuls == 0) return StrictUtf16Be;
        return null;
    }
}
