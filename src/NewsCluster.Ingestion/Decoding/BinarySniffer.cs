using System.Buffers;

namespace NewsCluster.Ingestion.Decoding;

/// <summary>Recognises content that is not text at all, naming well-known file types so the refusal says what it was.</summary>
internal static class BinarySniffer
{
    private const int SampleBytes = 8192;

    private static readonly (byte[] Magic, string Name)[] KnownSignatures =
    [
        ("%PDF"u8.ToArray(), "a PDF document"),
        ([0x89, (byte)'P', (byte)'N', (byte)'G'], "a PNG image"),
        ([0xFF, 0xD8, 0xFF], "a JPEG image"),
        ("GIF8"u8.ToArray(), "a GIF image"),
        ("RIFF"u8.ToArray(), "a RIFF media file"),
        ([0x7F, (byte)'E', (byte)'L', (byte)'F'], "an ELF executable"),
        ("MZ"u8.ToArray(), "a Windows executable"),
        ([0x50, 0x4B, 0x03, 0x04], "a zip container"),
        ([0x1F, 0x8B], "gzip data"),
        ([0x42, 0x5A, 0x68], "bzip2 data"),
        ([0xFD, (byte)'7', (byte)'z', (byte)'X', (byte)'Z'], "xz data"),
        ([(byte)'7', (byte)'z', 0xBC, 0xAF], "a 7-Zip archive"),
        ([0xD0, 0xCF, 0x11, 0xE0], "an old Microsoft Office document"),
    ];

    /// <summary>Names a known binary signature at the start of the content, or null.</summary>
    public static string? KnownBinaryType(ReadOnlySpan<byte> content)
    {
        foreach (var (magic, name) in KnownSignatures)
            if (content.StartsWith(magic)) return name;
        return null;
    }

    /// <summary>
    /// True when the sample holds a NUL or many C0 control bytes: text in a byte-oriented encoding never does
    /// (UTF-16 is recognised before this is asked).
    /// </summary>
    public static bool LooksBinary(ReadOnlySpan<byte> content)
    {
        var sample = content[..Math.Min(content.Length, SampleBytes)];
        // NUL is a control byte, so the usual sample, holding none, is decided by one search.
        if (sample.IndexOfAny(ControlBytes) < 0) return false;
        if (sample.IndexOf((byte)0) >= 0) return true;
        var controls = 0;
        foreach (var b in sample)
            if (IsControlByte(b)) controls++;
        return sample.Length > 0 && controls * 20 > sample.Length;
    }

    /// <summary>The bytes <see cref="IsControlByte"/> accepts, for a vectorised search of the usual sample that holds none.</summary>
    private static readonly SearchValues<byte> ControlBytes = SearchValues.Create(Enumerable.Range(0, 256).Select(b => (byte)b).Where(IsControlByte).ToArray());

    private static bool IsControlByte(byte b) => b < 0x20 && b is not ((byte)'\t' or (byte)'\n' or (byte)'\r' or 0x0C) || b == 0x7F;
}
