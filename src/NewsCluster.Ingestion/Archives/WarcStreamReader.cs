using System.Text;
using NewsCluster.Ingestion.Pipeline;

namespace NewsCluster.Ingestion.Archives;

/// <summary>Reads WARC record headers and blocks from a forward-only stream through a small buffer.</summary>
internal sealed class WarcStreamReader(Stream stream)
{
    private const int MaxHeaderLine = 64 * 1024;
    private const int MaxHeaderLines = 1000;

    private readonly BufferedStream _input = new(stream, 64 * 1024);

    /// <summary>The next record's named fields, or null at the end of the file.</summary>
    public Dictionary<string, string>? ReadRecordHeader()
    {
        string? version;
        do version = ReadLine();
        while (version is { Length: 0 });
        if (version is null) return null;
        if (!version.StartsWith("WARC/", StringComparison.Ordinal))
            throw RejectedException.Because(RejectionKeywords.CorruptArchive, "a WARC record does not start with a 'WARC/' version line");
        return ReadFields();
    }

    public byte[] ReadBlock(int length)
    {
        var block = new byte[length];
        if (_input.ReadAtLeast(block, length, throwOnEndOfStream: false) < length) throw Truncated();
        return block;
    }

    public void Skip(long length)
    {
        var buffer = new byte[64 * 1024];
        for (var left = length; left > 0;)
        {
            var n = _input.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
            if (n == 0) throw Truncated();
            left -= n;
        }
    }

    private Dictionary<string, string> ReadFields()
    {
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var count = 0; count < MaxHeaderLines; count++)
        {
            var line = ReadLine() ?? throw Truncated();
            if (line.Length == 0) return fields;
            var colon = line.IndexOf(':');
            if (colon > 0) fields.TryAdd(line[..colon].Trim(), line[(colon + 1)..].Trim());
        }
        throw RejectedException.Because(RejectionKeywords.CorruptArchive, "a WARC record header never ends");
    }

    private string? ReadLine()
    {
        var line = new StringBuilder();
        int b;
        while ((b = _input.ReadByte()) >= 0 && b != '\n')
        {
            if (line.Length >= MaxHeaderLine) throw RejectedException.Because(RejectionKeywords.CorruptArchive, "a WARC header line is too long");
            line.Append((char)b);
        }
        if (b < 0 && line.Length == 0) return null;
        return line.ToString().TrimEnd('\r');
    }

    private static RejectedException Truncated() =>
        RejectedException.Because(RejectionKeywords.CorruptArchive, "the WARC file ends in the middle of a record (truncated)");
}
